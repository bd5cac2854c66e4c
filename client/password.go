package client

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// PublicCloudKey is the RSA public key of Authing's public cloud
// (core.authing.cn), used to encrypt passwords when Options.PublicKey is
// empty and Host is DefaultHost.
const PublicCloudKey = `-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC4xKeUgQ+Aoz7TLfAfs9+paePb
5KIofVthEopwrXFkp8OCeocaTHt9ICjTT2QeJh6cZaDaArfZ873GPUn00eOIZ7Ae
+TiA2BKHbCvloW3w5Lnqm70iSsUi5Fmu9/2+68GZRH9L7Mlh8cFksCicW2Y2W2uM
GKl64GDcIq3au+aqJQIDAQAB
-----END PUBLIC KEY-----`

// publicCloudKey is PublicCloudKey parsed once for every client of the
// public cloud; the value never changes.
var publicCloudKey = sync.OnceValues(func() (*rsa.PublicKey, error) {
	return parsePublicKey(PublicCloudKey)
})

// parsePublicKey reads an RSA public key in PEM, as PKIX ("PUBLIC KEY")
// or PKCS#1 ("RSA PUBLIC KEY").
func parsePublicKey(s string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil {
		return nil, errors.New("no PEM block found")
	}
	if key, err := x509.ParsePKCS1PublicKey(block.Bytes); err == nil {
		return key, nil
	}
	key, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	rsaKey, ok := key.(*rsa.PublicKey)
	if !ok {
		return nil, fmt.Errorf("key is %T, not RSA", key)
	}
	return rsaKey, nil
}

// keySource finds the key passwords are encrypted with: the configured
// one (parsed and stored by the constructor), the public cloud's for the
// default host, or the one the host publishes at /api/v2/.well-known,
// fetched once and cached. Concurrent
// callers share one fetch, and each stops waiting when its own context
// ends; the fetch itself goes on, detached, for the others and the next
// call. A failed fetch is not cached, so the next call tries again.
type keySource struct {
	conn *conn

	key atomic.Pointer[rsa.PublicKey]

	mu       sync.Mutex
	inflight *keyFetch
}

// keyFetch is one fetch of the host's key; done closes when it ends.
type keyFetch struct {
	done chan struct{}
	key  *rsa.PublicKey
	err  error
}

// keyFetchBound bounds a detached key fetch, retries included.
const keyFetchBound = time.Minute

// get returns the key, joining or starting the fetch when it is not known
// yet; op names the caller's call in a context error.
func (k *keySource) get(ctx context.Context, op string) (*rsa.PublicKey, error) {
	if key := k.key.Load(); key != nil {
		return key, nil
	}
	if k.conn.opts.host == DefaultHost { // and no PublicKey, which newConn stored
		key, err := publicCloudKey()
		if err != nil {
			return nil, argError(op, "password encryption key: %v", err)
		}
		k.key.Store(key)
		return key, nil
	}
	k.mu.Lock()
	if key := k.key.Load(); key != nil { // a fetch ended meanwhile
		k.mu.Unlock()
		return key, nil
	}
	f := k.inflight
	if f == nil {
		f = &keyFetch{done: make(chan struct{})}
		k.inflight = f
		go k.fetch(context.WithoutCancel(ctx), f)
	}
	k.mu.Unlock()
	select {
	case <-f.done:
		return f.key, ownCopy(f.err)
	case <-ctx.Done():
		e := contextError(op, ctx.Err())
		e.Message = "waiting for the password encryption key: " + e.Message
		return nil, e
	}
}

// fetch reads the host's key into f and, on success, the cache.
func (k *keySource) fetch(ctx context.Context, f *keyFetch) {
	ctx, cancel := context.WithTimeout(ctx, keyFetchBound)
	defer cancel()
	f.key, f.err = k.fetchKey(ctx)
	k.mu.Lock()
	if f.err == nil {
		k.key.Store(f.key)
	}
	k.inflight = nil
	k.mu.Unlock()
	close(f.done)
}

// fetchKey reads and parses the key the host publishes.
func (k *keySource) fetchKey(ctx context.Context) (*rsa.PublicKey, error) {
	var out struct {
		PublicKey string `json:"publicKey"`
	}
	r := &request{op: "GET /api/v2/.well-known", method: http.MethodGet,
		url: k.conn.opts.host + "/api/v2/.well-known", idempotent: true}
	if err := k.conn.do(ctx, r, restDecoder(r.op, &out)); err != nil {
		return nil, err
	}
	key, err := parsePublicKey(out.PublicKey)
	if err != nil {
		return nil, &Error{Kind: KindMalformed, Operation: r.op, Request: r.op, cause: err,
			Message: "password encryption key: " + err.Error()}
	}
	return key, nil
}

// encryptPassword encrypts a password for the wire: RSA PKCS#1 v1.5 with
// the pool's public key, then standard base64. The result differs on
// every call (random padding), so a call encrypts once and its retries
// resend the same request body.
func (c *conn) encryptPassword(ctx context.Context, op, password string) (string, error) {
	key, err := c.keys.get(ctx, op)
	if err != nil {
		return "", err
	}
	// PKCS#1 v1.5 is deprecated in Go 1.26 for new designs, but it is the
	// scheme Authing's servers decrypt; OAEP ciphertexts would be refused.
	out, err := rsa.EncryptPKCS1v15(rand.Reader, key, []byte(password)) //lint:ignore SA1019 required by the Authing protocol
	if err != nil {
		// The message of rsa's error never contains the plaintext.
		return "", argError(op, "encrypting the password: %v", err)
	}
	return base64.StdEncoding.EncodeToString(out), nil
}

// encryptOptional encrypts *p when it is set, returning a new pointer: the
// caller's value is never modified.
func (c *conn) encryptOptional(ctx context.Context, op string, p *string) (*string, error) {
	if p == nil {
		return nil, nil
	}
	enc, err := c.encryptPassword(ctx, op, *p)
	if err != nil {
		return nil, err
	}
	return &enc, nil
}
