package rag

import (
	"errors"
	"fmt"
)

// InvalidError is a problem with what the user asked (an empty question, one
// that is too long). Its message is written for the user and is safe to show;
// every other error is internal and is logged, not shown.
type InvalidError struct{ Msg string }

func (e *InvalidError) Error() string { return e.Msg }

// Invalidf returns an *InvalidError with a formatted message.
func Invalidf(format string, args ...any) error {
	return &InvalidError{Msg: fmt.Sprintf(format, args...)}
}

// IsInvalid reports whether err is, or wraps, an *InvalidError.
func IsInvalid(err error) bool {
	var ie *InvalidError
	return errors.As(err, &ie)
}
