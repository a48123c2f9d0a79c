package store

import "context"

// Settings keeps per-server settings (a role allowed to add sources, a
// feed interval, …) as names and values; their meaning is the caller's.
type Settings interface {
	// Setting returns one setting; ok is false when it is not set.
	Setting(ctx context.Context, guildID, name string) (value string, ok bool, err error)
	// SetSetting sets a setting; the empty value removes it.
	SetSetting(ctx context.Context, guildID, name, value string) error
	// GuildSettings returns every setting of a guild.
	GuildSettings(ctx context.Context, guildID string) (map[string]string, error)
}

// maxSettingName bounds a setting's name.
const maxSettingName = 64

// CheckSetting reports whether a setting may be stored: a name of lower
// case letters, digits, '_' and '.', and a short value.
func CheckSetting(guildID, name, value string) error {
	if err := CheckID("guild id", guildID); err != nil {
		return err
	}
	if name == "" || len(name) > maxSettingName {
		return invalid("setting name must have 1 to %d bytes", maxSettingName)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.') {
			return invalid("setting name %q: only a-z, 0-9, '_' and '.'", name)
		}
	}
	return checkText("setting value", value, maxFieldBytes)
}
