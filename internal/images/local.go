package images

import (
	"errors"
	"net/http"
	"net/netip"
)

// errLocal marks a URL whose host is on the user's own network.
var errLocal = errors.New("a local network address")

// sharedSpace is the carrier-grade NAT range (RFC 6598), local like the
// private ones.
var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

// localAddress reports whether ip is on the machine or its local network:
// loopback, private (RFC 1918, RFC 4193), shared (RFC 6598), link-local,
// multicast or unspecified.
func localAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() || sharedSpace.Contains(ip)
}

// publicOnly refuses requests to hosts that are, or resolve to, a local
// address: image URLs come from seed files that may come from anyone, and
// fetching them must not reach the routers, printers and admin pages of the
// user's network. Each redirect is a request of its own, so it is checked
// too. A host that does not resolve here is left to the transport (a proxy
// may resolve it). This check names the host in its refusal; the transport
// under it checks again the address it dials (dialGuard), since a name may
// resolve differently the second time.
type publicOnly struct {
	next    http.RoundTripper
	resolve resolveFunc
}

// RoundTrip checks the host, then makes the request.
func (p publicOnly) RoundTrip(req *http.Request) (*http.Response, error) {
	host := req.URL.Hostname()
	addrs, err := []netip.Addr(nil), error(nil)
	if ip, perr := netip.ParseAddr(host); perr == nil {
		addrs = []netip.Addr{ip}
	} else {
		addrs, err = p.resolve(req.Context(), host)
	}
	if err == nil {
		for _, a := range addrs {
			if localAddress(a) {
				return nil, refusal(host, a)
			}
		}
	}
	return p.next.RoundTrip(req)
}
