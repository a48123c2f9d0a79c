package storetest

import (
	"errors"
	"reflect"
	"testing"

	"github.com/newsbot/storybot/store"
)

func testSettings(t *testing.T, e env) {
	a, b := e.store(t), e.store(t)
	must(t, a.SetSetting(ctx(t), "g1", "sources.role", "Editors"))
	must(t, a.SetSetting(ctx(t), "g1", "feed.interval", "15m"))
	must(t, a.SetSetting(ctx(t), "g2", "sources.role", "Mods"))
	must(t, a.SetSetting(ctx(t), "g1", "feed.interval", "1h"))
	v, ok, err := b.Setting(ctx(t), "g1", "feed.interval")
	must(t, err)
	if !ok || v != "1h" {
		t.Errorf("other store: got %q, %v, want the changed value 1h", v, ok)
	}
	all, err := b.GuildSettings(ctx(t), "g1")
	must(t, err)
	if !reflect.DeepEqual(all, map[string]string{"sources.role": "Editors", "feed.interval": "1h"}) {
		t.Errorf("GuildSettings(g1): got %v, want only g1's two", all)
	}
	must(t, b.SetSetting(ctx(t), "g1", "sources.role", ""))
	if _, ok, err := a.Setting(ctx(t), "g1", "sources.role"); err != nil || ok {
		t.Errorf("after setting it empty: got ok=%v, %v; want it gone", ok, err)
	}
	if _, ok, _ := a.Setting(ctx(t), "", "sources.role"); ok {
		t.Error("the empty guild sees another guild's setting")
	}
	if err := a.SetSetting(ctx(t), "g1", "Bad Name", "x"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad name: got %v, want ErrInvalid", err)
	}
}
