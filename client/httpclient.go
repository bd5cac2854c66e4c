package client

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// sharedHTTPClient returns the one *http.Client that every client built
// without Options.HTTPClient uses, so that creating a client per incoming
// request reuses one connection pool. It is created on first use and never
// changed afterwards.
var sharedHTTPClient = sync.OnceValue(func() *http.Client {
	return &http.Client{Transport: newTransport()}
})

// newTransport is http.DefaultTransport's configuration with more idle
// connections per host: an SDK talks to one or two hosts, many requests
// at a time.
func newTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   128,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: 1 * time.Second,
	}
}
