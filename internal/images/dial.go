package images

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
)

// resolveFunc looks up the addresses of a host name.
type resolveFunc func(ctx context.Context, host string) ([]netip.Addr, error)

// resolveWith returns the lookup of r (the system's resolver when nil).
func resolveWith(r *net.Resolver) resolveFunc {
	return func(ctx context.Context, host string) ([]netip.Addr, error) {
		return r.LookupNetIP(ctx, "ip", host)
	}
}

// dialGuard makes a transport connect only to public addresses. Checking a
// host's addresses before the request is not enough: the transport resolves
// the name again when it dials, and a name can answer a public address to
// the check and a local one to the dial (DNS rebinding). So the address
// actually dialled is checked, for the first request and every redirect:
// by the dialer's Control hook, which sees each address after resolution,
// or, when the transport brings its own dial function, from the
// connection's remote address. Connections to the transport's configured
// proxy are let through: the user chose it, and the proxy, not this
// process, then connects to the host.
type dialGuard struct {
	dialer  net.Dialer                                                        // Control: refuseLocal
	next    func(ctx context.Context, network, addr string) (net.Conn, error) // the transport's own, or nil
	proxies sync.Map                                                          // "host:port" of proxies in use
}

// guardDials returns a clone of rt dialling only public addresses, which
// resolves names with resolver (the system's when nil). A RoundTripper
// other than *http.Transport is returned as it is: it dials as it likes,
// and only the host check of publicOnly applies.
func guardDials(rt http.RoundTripper, resolver *net.Resolver) http.RoundTripper {
	t, ok := rt.(*http.Transport)
	if !ok {
		return rt
	}
	t = t.Clone()
	g := &dialGuard{next: t.DialContext}
	g.dialer.Resolver = resolver
	g.dialer.Control = refuseLocal
	if proxy := t.Proxy; proxy != nil {
		t.Proxy = func(req *http.Request) (*url.URL, error) {
			u, err := proxy(req)
			if u != nil {
				g.proxies.Store(proxyAddr(u), true)
			}
			return u, err
		}
	}
	t.DialContext = g.dial
	if tlsDial := t.DialTLSContext; tlsDial != nil {
		t.DialTLSContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			return g.checked(ctx, network, addr, tlsDial)
		}
	}
	return t
}

// proxyAddr is the host:port a transport dials to reach the proxy u.
func proxyAddr(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[u.Scheme]
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// dial connects to addr if it is a proxy or a public address.
func (g *dialGuard) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if _, ok := g.proxies.Load(addr); ok {
		if g.next != nil {
			return g.next(ctx, network, addr)
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	if g.next != nil {
		return g.checked(ctx, network, addr, g.next)
	}
	conn, err := g.dialer.DialContext(ctx, network, addr)
	var local *localDial
	if errors.As(err, &local) {
		host, _, _ := net.SplitHostPort(addr)
		return nil, refusal(host, local.addr)
	}
	return conn, err
}

// checked dials addr with dial and refuses the connection if its remote
// address is local.
func (g *dialGuard) checked(ctx context.Context, network, addr string, dial func(context.Context, string, string) (net.Conn, error)) (net.Conn, error) {
	conn, err := dial(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	if ap, perr := netip.ParseAddrPort(conn.RemoteAddr().String()); perr == nil && localAddress(ap.Addr()) {
		_ = conn.Close()
		host, _, _ := net.SplitHostPort(addr)
		return nil, refusal(host, ap.Addr())
	}
	return conn, nil
}

// localDial is refuseLocal's error: the address about to be dialled.
type localDial struct{ addr netip.Addr }

func (e *localDial) Error() string { return fmt.Sprintf("%s is %v", e.addr, errLocal) }
func (e *localDial) Unwrap() error { return errLocal }

// refuseLocal is a net.Dialer's Control hook: it runs on each address about
// to be connected, after name resolution, and refuses local ones.
func refuseLocal(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	if localAddress(ap.Addr()) {
		return &localDial{addr: ap.Addr().Unmap()}
	}
	return nil
}

// refusal is the error for host, found to be the local address a.
func refusal(host string, a netip.Addr) error {
	a = a.Unmap()
	if host == a.String() {
		return fmt.Errorf("%s is %w", host, errLocal)
	}
	return fmt.Errorf("%s is %w (%s)", host, errLocal, a)
}
