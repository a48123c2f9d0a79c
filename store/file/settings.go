package file

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/newsbot/storybot/store"
)

func (s *Store) settingsPath(guildID string) string {
	return s.path("settings", name(guildID)+".json")
}

func readSettings(path string) (map[string]string, error) {
	m := map[string]string{}
	err := readJSON(path, &m)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	return m, err
}

// Setting reads the guild's settings file.
func (s *Store) Setting(ctx context.Context, guildID, settingName string) (string, bool, error) {
	m, err := s.GuildSettings(ctx, guildID)
	if err != nil {
		return "", false, err
	}
	v, ok := m[settingName]
	return v, ok, nil
}

// SetSetting rewrites the guild's settings file.
func (s *Store) SetSetting(ctx context.Context, guildID, settingName, value string) error {
	if err := ctxErr(ctx, "save setting"); err != nil {
		return err
	}
	if err := store.CheckSetting(guildID, settingName, value); err != nil {
		return fmt.Errorf("save setting: %w", err)
	}
	err := s.write(func() error {
		path := s.settingsPath(guildID)
		m, err := readSettings(path)
		if err != nil {
			return err
		}
		if value == "" {
			delete(m, settingName)
		} else {
			m[settingName] = value
		}
		return writeJSONAtomic(path, m)
	})
	if err != nil {
		return fmt.Errorf("save setting: %w", err)
	}
	return nil
}

// GuildSettings reads the guild's settings file.
func (s *Store) GuildSettings(ctx context.Context, guildID string) (map[string]string, error) {
	if err := ctxErr(ctx, "read settings"); err != nil {
		return nil, err
	}
	if err := store.CheckID("guild id", guildID); err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	m, err := readSettings(s.settingsPath(guildID))
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return m, nil
}
