package slugorders

import "github.com/ordersdk/ordersdk-go/internal/core"

// WithAuthHeader sends the token in header, preceded by scheme and a space,
// instead of the default "Authorization: Bearer <token>", which is an
// assumption because Enad documents no authentication. An empty scheme sends
// the token raw: WithAuthHeader("X-Api-Key", "") sends "X-Api-Key: <token>"
// and no Authorization header. New rejects an invalid header name and a
// scheme with a control character.
func WithAuthHeader(header, scheme string) Option { return Option{core.WithAuthHeader(header, scheme)} }
