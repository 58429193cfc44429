package core

import (
	"context"
	"log/slog"
)

// log writes attempt a's one debug record. Header values and bodies are never
// logged: they carry the credential and customers' personal data.
func (cl *call) log(a *attempt) {
	l := cl.c.cfg.logger
	if l == nil || !l.Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("vendor", cl.c.vendor.Name),
		slog.String("operation", cl.op),
		slog.String("method", cl.method),
		slog.String("host", cl.c.base.Host),
		slog.String("path", cl.c.secret.redact.String(cl.path)),
		slog.Int("attempt", a.n),
		slog.Duration("duration", a.took),
		slog.String("verdict", a.row.Verdict.String()),
	}
	if a.status != 0 {
		attrs = append(attrs, slog.Int("status", a.status))
	}
	if a.requestID != "" {
		attrs = append(attrs, slog.String("request_id", a.requestID))
	}
	if a.failure != "" {
		attrs = append(attrs, slog.String("error", a.failure), slog.Bool("sent", a.reached.Load() >= phaseWritten))
	}
	if a.hops > 1 {
		attrs = append(attrs, slog.Int("redirects_followed", a.hops-1))
	}
	if a.wait > 0 {
		attrs = append(attrs, slog.Duration("retry_in", a.wait))
	}
	l.LogAttrs(context.Background(), slog.LevelDebug, "ordersdk attempt", attrs...)
}

// warn writes a Warn record about the call.
func (c *Client) warn(cl *call, msg string, attrs ...slog.Attr) {
	l := c.cfg.logger
	if l == nil {
		return
	}
	attrs = append([]slog.Attr{slog.String("vendor", c.vendor.Name), slog.String("operation", cl.op)}, attrs...)
	l.LogAttrs(context.Background(), slog.LevelWarn, msg, attrs...)
}
