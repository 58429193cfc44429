package fake

import (
	"net"
	"sync"
)

// countingListener counts the TCP connections it accepts and how many of
// them are still open, whichever layer (HTTP/1, TLS, the HTTP/2 interposer,
// a hijacking fault) closes them in the end.
type countingListener struct {
	*net.TCPListener
	s *Server
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.AcceptTCP()
	if err != nil {
		return nil, err
	}
	l.s.mu.Lock()
	l.s.accepted++
	l.s.open++
	l.s.mu.Unlock()
	return &countedConn{TCPConn: c, s: l.s}, nil
}

// countedConn is an accepted connection that counts itself closed once.
type countedConn struct {
	*net.TCPConn
	s    *Server
	once sync.Once
}

func (c *countedConn) Close() error {
	c.once.Do(func() {
		c.s.mu.Lock()
		c.s.open--
		c.s.mu.Unlock()
	})
	return c.TCPConn.Close()
}

// reset closes the connection with a TCP RST rather than a FIN, so that the
// client sees the loss at once, as "connection reset by peer".
func (c *countedConn) reset() {
	c.SetLinger(0)
	c.Close()
}

// resetConn resets the TCP connection under c, which may be a TLS connection.
func resetConn(c net.Conn) {
	for {
		u, ok := c.(interface{ NetConn() net.Conn })
		if !ok {
			break
		}
		c = u.NetConn()
	}
	if cc, ok := c.(*countedConn); ok {
		cc.reset()
		return
	}
	c.Close()
}

// pipeListener hands the server ends of the HTTP/2 interposer's in-memory
// pipes to the HTTP/2 server.
type pipeListener struct {
	conns     chan net.Conn
	closed    chan struct{}
	closeOnce sync.Once
	addr      net.Addr
}

func newPipeListener(addr net.Addr) *pipeListener {
	return &pipeListener{conns: make(chan net.Conn), closed: make(chan struct{}), addr: addr}
}

// offer passes c to Accept; it reports false once the listener is closed.
func (l *pipeListener) offer(c net.Conn) bool {
	select {
	case l.conns <- c:
		return true
	case <-l.closed:
		return false
	}
}

func (l *pipeListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.closed:
		return nil, net.ErrClosed
	}
}

func (l *pipeListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return nil
}

func (l *pipeListener) Addr() net.Addr { return l.addr }

// pipeConn is one end of an in-memory pipe that reports the addresses of the
// TCP connection it stands for, so that Request.RemoteAddr is the client's.
type pipeConn struct {
	net.Conn
	local, remote net.Addr
}

func (c pipeConn) LocalAddr() net.Addr  { return c.local }
func (c pipeConn) RemoteAddr() net.Addr { return c.remote }
