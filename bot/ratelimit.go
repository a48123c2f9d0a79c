package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// userLimiter gives each member their own token bucket of questions: only
// what makes the engine answer draws from it.
type userLimiter struct {
	every time.Duration
	burst int

	mu    sync.Mutex
	users map[string]*rate.Limiter
}

// limiterPrune is how many members are tracked before idle ones are dropped.
const limiterPrune = 10000

func newUserLimiter(perMinute float64, burst int) *userLimiter {
	return &userLimiter{
		every: time.Duration(float64(time.Minute) / perMinute),
		burst: burst,
		users: map[string]*rate.Limiter{},
	}
}

// allow reports whether userID may ask now and, when not, how long until
// they may. A nil limiter allows everything (the console has one user).
func (l *userLimiter) allow(userID string) (bool, time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.users[userID]
	if !ok {
		if len(l.users) >= limiterPrune {
			now := time.Now()
			for id, u := range l.users {
				if u.TokensAt(now) >= float64(l.burst) {
					delete(l.users, id)
				}
			}
		}
		lim = rate.NewLimiter(rate.Every(l.every), l.burst)
		l.users[userID] = lim
	}
	now := time.Now()
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now) // a refused question costs nothing
		return false, d
	}
	return true, 0
}
