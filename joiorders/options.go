package joiorders

import "github.com/ordersdk/ordersdk-go/internal/core"

// WithBearerPrefix sends "Bearer <token>" in the accessToken header instead of
// the raw token. The vendor calls its credential a "Bearer Token" but shows no
// prefix; use this if your server answers 401 to the raw token. The token
// still never goes in the Authorization header.
func WithBearerPrefix() Option { return Option{core.WithAuthScheme("Bearer")} }
