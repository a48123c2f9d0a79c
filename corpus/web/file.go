package web

import (
	"context"
	"fmt"
	"strings"
)

// textType reports whether mt is a text type a corpus file may be served
// with (text/markdown, text/plain, text/html…).
func textType(mt string) bool { return strings.HasPrefix(mt, "text/") }

// File downloads a text file (a .md, .txt or .html attachment, say) within
// the client's bounds, for corpus.Parse to check and read as it reads a
// corpus file. Only text/* content types are accepted.
func (c *Client) File(ctx context.Context, rawURL string) ([]byte, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("download file: %w", err)
	}
	resp, err := c.get(ctx, u, Validators{}, "text/markdown, text/plain, text/html;q=0.9, text/*;q=0.5", textType)
	if err != nil {
		return nil, fmt.Errorf("download file %s: %w", u.Redacted(), err)
	}
	return resp.body, nil
}
