package images

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

func TestLocalAddress(t *testing.T) {
	for _, tc := range []struct {
		ip    string
		local bool
	}{
		{"127.0.0.1", true}, {"127.8.9.10", true}, {"::1", true},
		{"10.0.0.1", true}, {"172.16.5.4", true}, {"192.168.1.1", true},
		{"169.254.169.254", true}, {"fe80::1", true}, {"fc00::1", true}, {"fd12:3456::1", true},
		{"100.64.0.1", true}, {"0.0.0.0", true}, {"::", true}, {"224.0.0.1", true}, {"ff02::1", true},
		{"::ffff:192.168.1.1", true},
		{"8.8.8.8", false}, {"93.184.216.34", false}, {"2001:4860:4860::8888", false},
		{"100.128.0.1", false}, {"172.32.0.1", false}, {"::ffff:8.8.8.8", false},
	} {
		if got := localAddress(netip.MustParseAddr(tc.ip)); got != tc.local {
			t.Errorf("localAddress(%s) = %v, want %v", tc.ip, got, tc.local)
		}
	}
}

// By default no request reaches a local host, directly, by a name that
// resolves to one, or by a redirect; AllowLocal lets them through.
func TestLocalHostsRefused(t *testing.T) {
	var hits atomic.Int32
	png8 := encodePNG(t, gradient(8, 8, false))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(png8)
	}))
	defer srv.Close()

	// A "public" host whose transport answers with a redirect to the
	// local server, and names that resolve as the test says.
	redirecting := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		if req.URL.Host == "public.example" {
			return &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {srv.URL + "/x.png"}},
				Body: io.NopCloser(strings.NewReader("")), Request: req}, nil
		}
		return http.DefaultTransport.RoundTrip(req)
	})
	resolve := func(_ context.Context, host string) ([]netip.Addr, error) {
		switch host {
		case "router.example":
			return []netip.Addr{netip.MustParseAddr("8.8.8.8"), netip.MustParseAddr("192.168.1.1")}, nil
		case "public.example":
			return []netip.Addr{netip.MustParseAddr("93.184.216.34")}, nil
		}
		return nil, errors.New("no such host")
	}
	for _, tc := range []struct {
		name, url, reason string
	}{
		{"loopback address", srv.URL + "/x.png", "refused: 127.0.0.1 is a local network address"},
		{"name of a local address", "http://router.example/x.png", "refused: router.example is a local network address (192.168.1.1)"},
		{"redirect to a local address", "http://public.example/x.png", "refused: 127.0.0.1 is a local network address"},
	} {
		opts := testOptions()
		opts.AllowLocal = false
		opts.Transport = redirecting
		d := newDownloader(opts.withDefaults())
		d.client.Transport = publicOnly{next: redirecting, resolve: resolve}
		_, ferr := d.get(context.Background(), tc.url)
		if ferr == nil || ferr.Transient || ferr.Reason != tc.reason {
			t.Errorf("%s: error %v, want the permanent %q", tc.name, ferr, tc.reason)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests reached the local server", n)
	}

	opts := testOptions() // AllowLocal, as every other test
	if _, ferr := newDownloader(opts.withDefaults()).get(context.Background(), srv.URL+"/x.png"); ferr != nil || hits.Load() != 1 {
		t.Errorf("with AllowLocal: %v, %d requests", ferr, hits.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// rebindingDNS is a DNS server on 127.0.0.1 for the name rebind.test: the
// first A query gets a public address, every later one 127.0.0.1 - a name
// that passes the check before the request and connects into the user's
// own machine. Other queries get no answer records. Its resolver sends
// every query there.
func rebindingDNS(t *testing.T) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pc.Close() })
	go func() {
		queries := 0
		buf := make([]byte, 512)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			if resp := rebindAnswer(buf[:n], &queries); resp != nil {
				_, _ = pc.WriteTo(resp, from)
			}
		}
	}()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
}

// rebindAnswer answers one DNS query (RFC 1035) for rebindingDNS.
func rebindAnswer(q []byte, queries *int) []byte {
	if len(q) < 12 {
		return nil
	}
	// The question: labels, then type and class.
	i, name := 12, ""
	for i < len(q) && q[i] != 0 {
		l := int(q[i])
		if i+1+l > len(q) {
			return nil
		}
		name += string(q[i+1:i+1+l]) + "."
		i += 1 + l
	}
	if i+5 > len(q) {
		return nil
	}
	qtype := int(q[i+1])<<8 | int(q[i+2])
	question := q[12 : i+5]
	resp := append([]byte{q[0], q[1], 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0}, question...)
	if !strings.EqualFold(name, "rebind.test.") {
		resp[3] = 0x83 // no such name
		return resp
	}
	if qtype != 1 { // A only
		return resp
	}
	*queries++
	ip := []byte{203, 0, 113, 7}
	if *queries > 1 {
		ip = []byte{127, 0, 0, 1}
	}
	resp[7] = 1                                                 // one answer:
	resp = append(resp, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4) // the question's name, A, IN, TTL 0, 4 bytes
	return append(resp, ip...)
}

// Without AllowLocal the address each connection goes to is checked, not
// only the one the check resolved: a rebound name, directly or as the
// target of a redirect, and with the transport's own dial function, is
// refused without a request; a proxy the user configured may be local.
func TestDNSRebindingRefused(t *testing.T) {
	var hits atomic.Int32
	png8 := encodePNG(t, gradient(8, 8, false))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(png8)
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	rebound := "http://rebind.test:" + port + "/x.png"
	const refused = "refused: rebind.test is a local network address (127.0.0.1)"

	// ownDial is a transport that resolves rebind.test itself (to 127.0.0.1).
	ownDial := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, strings.Replace(addr, "rebind.test", "127.0.0.1", 1))
	}}
	tests := []struct {
		name      string
		transport http.RoundTripper
		redirect  bool // the URL is public.example, which redirects to the rebound name
		url       string
		reason    string // "" = fetched
	}{
		{"rebound name", nil, false, rebound, refused},
		{"redirect to a rebound name", nil, true, "http://public.example/x.png", refused},
		{"transport's own dial function", ownDial, false, rebound, refused},
		{"proxy on this machine", &http.Transport{Proxy: http.ProxyURL(mustParseURL(t, srv.URL))}, false,
			"http://images.example/x.png", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hits.Store(0)
			resolver := rebindingDNS(t)
			opts := testOptions()
			opts.AllowLocal = false
			opts.Transport = tc.transport
			d := newDownloaderResolving(opts.withDefaults(), resolver)
			if tc.redirect {
				guarded := d.client.Transport.(publicOnly).next
				d.client.Transport = publicOnly{resolve: resolveWith(resolver), next: roundTripFunc(func(req *http.Request) (*http.Response, error) {
					if req.URL.Host == "public.example" {
						return &http.Response{StatusCode: http.StatusFound, Header: http.Header{"Location": {rebound}},
							Body: io.NopCloser(strings.NewReader("")), Request: req}, nil
					}
					return guarded.RoundTrip(req)
				})}
			}
			_, ferr := d.get(context.Background(), tc.url)
			switch {
			case tc.reason == "" && (ferr != nil || hits.Load() != 1):
				t.Errorf("error %v and %d requests, want the image fetched", ferr, hits.Load())
			case tc.reason != "" && (ferr == nil || ferr.Transient || ferr.Reason != tc.reason):
				t.Errorf("error %v, want the permanent %q", ferr, tc.reason)
			case tc.reason != "" && hits.Load() != 0:
				t.Errorf("%d requests reached the local server", hits.Load())
			}
		})
	}
}

func mustParseURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
