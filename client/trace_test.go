package client_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// TestTokenFetchJoinsCallersTrace traces a management call through
// otelhttp into an in-memory exporter: the management token fetch the
// call needs is a span of the caller's trace, under the caller's span, and
// each span is named after its operation.
func TestTokenFetchJoinsCallersTrace(t *testing.T) {
	exporter := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exporter))
	t.Cleanup(func() { tp.Shutdown(context.Background()) })
	hc := &http.Client{Transport: otelhttp.NewTransport(http.DefaultTransport, otelhttp.WithTracerProvider(tp),
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
			if op, ok := client.OperationName(r.Context()); ok {
				return "authing " + op
			}
			return "HTTP " + r.Method
		}))}
	srv := authingtest.NewServer()
	t.Cleanup(srv.Close)
	mc, err := client.NewManagementClient(client.ManagementOptions{UserPoolID: srv.UserPoolID, Secret: srv.Secret,
		Host: srv.URL, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}

	ctx, handler := tp.Tracer("test").Start(context.Background(), "handler")
	if _, err := mc.Users.List(ctx, nil); err != nil {
		t.Fatal(err)
	}
	handler.End()

	parent := handler.SpanContext()
	var got []string
	for _, s := range exporter.GetSpans() {
		if s.Name == "handler" {
			continue
		}
		got = append(got, s.Name)
		if s.SpanContext.TraceID() != parent.TraceID() || s.Parent.SpanID() != parent.SpanID() {
			t.Errorf("span %q is in trace %s under %s, want trace %s under the handler's span %s",
				s.Name, s.SpanContext.TraceID(), s.Parent.SpanID(), parent.TraceID(), parent.SpanID())
		}
	}
	if diff := cmp.Diff([]string{"authing AccessToken", "authing Users.List"}, got); diff != "" {
		t.Errorf("spans mismatch (-want +got):\n%s", diff)
	}
}
