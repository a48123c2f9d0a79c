package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/newsbot/storybot/store"
)

func vote(member string, helpful bool, reason string) store.Vote {
	return store.Vote{GuildID: "g1", ChannelID: "c1", MessageID: "answer1", MemberID: member, Helpful: helpful, Reason: reason,
		Question: "q", Answer: "a [1]", Citations: []store.Citation{{N: 1, Doc: "d", Quote: "x"}}}
}

func testVotes(t *testing.T, e env) {
	s := e.store(t)
	t0 := e.clock.Now()
	must(t, s.RecordVote(ctx(t), vote("u1", true, "")))
	must(t, s.RecordVote(ctx(t), vote("u2", false, store.ReasonWrongSource)))
	e.clock.Advance(time.Minute)
	must(t, s.RecordVote(ctx(t), vote("u1", false, store.ReasonWrongAnswer))) // changed their mind
	other := vote("u1", true, "")
	other.MessageID = "answer2"
	must(t, s.RecordVote(ctx(t), other))
	elsewhere := vote("u3", true, "")
	elsewhere.GuildID = "g2"
	must(t, s.RecordVote(ctx(t), elsewhere))

	vs, err := s.Votes(ctx(t), "g1", "c1", "answer1")
	must(t, err)
	if len(vs) != 2 {
		t.Fatalf("got %d votes on answer1, want 2 (one per member)", len(vs))
	}
	for _, v := range vs {
		if v.MemberID == "u1" && (v.Helpful || v.Reason != store.ReasonWrongAnswer) {
			t.Errorf("u1's vote: got %+v, want the changed thumbs-down", v)
		}
		if v.Question != "q" || len(v.Citations) != 1 {
			t.Errorf("vote %+v lost its question or citations", v)
		}
	}
	sum, err := s.FeedbackSummary(ctx(t), "g1", t0)
	must(t, err)
	if sum.Helpful != 1 || sum.NotHelpful != 2 || sum.Reasons[store.ReasonWrongAnswer] != 1 || sum.Reasons[store.ReasonWrongSource] != 1 {
		t.Errorf("summary: got %+v, want 1 helpful, 2 not (one wrong answer, one wrong source)", sum)
	}
	sum, err = s.FeedbackSummary(ctx(t), "g1", t0.Add(30*time.Second))
	must(t, err)
	if sum.Helpful != 1 || sum.NotHelpful != 1 {
		t.Errorf("summary since the change: got %+v, want the 2 votes cast since", sum)
	}
	if err := s.RecordVote(ctx(t), vote("u4", true, store.ReasonNoAnswer)); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("helpful vote with a reason: got %v, want ErrInvalid", err)
	}
}

func testQuestionStats(t *testing.T, e env) {
	s := e.store(t)
	stem := func(w string) string {
		switch w {
		case "what", "did", "the", "about", "say", "is", "a", "an":
			return ""
		}
		return w
	}
	log := func(text string, abstained bool, guild string) {
		t.Helper()
		must(t, s.LogQuestion(ctx(t), store.Question{GuildID: guild, Text: text, Key: store.GroupKey(text, stem), Abstained: abstained}))
		e.clock.Advance(time.Minute)
	}
	log("an old unanswered one", true, "g1") // before the period
	since := e.clock.Now()
	log("Who sent drones?", false, "g1")
	log("What did Venezuela buy?", true, "g1")
	log("Venezuela buy what?", true, "g1")
	log("what did venezuela BUY", true, "g1")
	log("Tanks in Syria?", true, "g1")
	log("Venezuela buy?", true, "g2")
	st, err := s.QuestionStats(ctx(t), "g1", since, 10)
	must(t, err)
	if st.Asked != 5 || st.Answered != 1 || st.Abstained != 4 {
		t.Errorf("got asked %d answered %d abstained %d, want 5, 1, 4", st.Asked, st.Answered, st.Abstained)
	}
	if len(st.Unanswered) != 2 {
		t.Fatalf("got %d unanswered groups %+v, want 2", len(st.Unanswered), st.Unanswered)
	}
	g := st.Unanswered[0]
	if g.Count != 3 || g.Key != "buy venezuela" || g.Question != "what did venezuela BUY" || len(g.Wordings) != 3 {
		t.Errorf("top group: got %+v, want the 3 Venezuela wordings, latest first", g)
	}
	if st.Unanswered[1].Count != 1 {
		t.Errorf("second group: got %+v, want the tanks question once", st.Unanswered[1])
	}
	top1, err := s.QuestionStats(ctx(t), "g1", since, 1)
	must(t, err)
	if len(top1.Unanswered) != 1 {
		t.Errorf("top 1: got %d groups, want 1", len(top1.Unanswered))
	}
}

func testGuildStats(t *testing.T, e env) {
	s := e.store(t)
	before := e.clock.Now()
	must(t, s.LogQuestion(ctx(t), store.Question{GuildID: "g1", Text: "old", Abstained: true}))
	must(t, s.AddPin(ctx(t), pin("g1", "old-pin", before)))
	e.clock.Advance(time.Hour)
	since := e.clock.Now()
	must(t, s.LogQuestion(ctx(t), store.Question{GuildID: "g1", Text: "Did Iran send drones?"}))
	must(t, s.LogQuestion(ctx(t), store.Question{GuildID: "g1", Text: "What did Venezuela buy?", Abstained: true}))
	must(t, s.LogQuestion(ctx(t), store.Question{GuildID: "g2", Text: "elsewhere", Abstained: true}))
	must(t, s.RecordVote(ctx(t), vote("u1", false, store.ReasonNoAnswer)))
	must(t, s.AddPin(ctx(t), pin("g1", "new-pin", since)))
	st, err := store.GuildStats(ctx(t), s, "g1", since, 5)
	must(t, err)
	if st.Questions.Asked != 2 || st.Questions.Abstained != 1 || len(st.Questions.Unanswered) != 1 ||
		st.Questions.Unanswered[0].Question != "What did Venezuela buy?" {
		t.Errorf("questions: got %+v, want 2 asked, Venezuela unanswered", st.Questions)
	}
	if st.Feedback.NotHelpful != 1 || st.Feedback.Reasons[store.ReasonNoAnswer] != 1 {
		t.Errorf("feedback: got %+v, want one 'didn't answer'", st.Feedback)
	}
	if st.Pinned != 1 {
		t.Errorf("pinned: got %d, want 1 (the pin of the period)", st.Pinned)
	}
}
