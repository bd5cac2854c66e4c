package client

import "context"

// OperationName returns the operation a request of this package is made
// for: the Go method the caller called ("Users.List",
// "GetAccessTokenByCode"), or "AccessToken" for the management token
// fetch, which runs under the context of the call that needed it. A
// tracing or logging transport (HTTPClient) reads it from the request's
// context to name its span, for example with otelhttp:
//
//	otelhttp.NewTransport(http.DefaultTransport,
//		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
//			if op, ok := client.OperationName(r.Context()); ok {
//				return "authing " + op
//			}
//			return "HTTP " + r.Method
//		}))
//
// ok is false for a context that carries no operation.
func OperationName(ctx context.Context) (op string, ok bool) {
	op, _ = ctx.Value(opKey{}).(string)
	return op, op != ""
}
