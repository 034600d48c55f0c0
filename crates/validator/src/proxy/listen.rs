//! The proxy's listening sockets: one per serving thread, sharing a port.

use std::io;
use std::net::SocketAddr;

/// `count` sockets listening on `address`, for as many [`super::Proxy::serve`] calls on runtimes of
/// their own. On Unix each is a socket of its own bound with `SO_REUSEPORT`, and the kernel
/// spreads new connections over them; elsewhere there is one. A port of 0 is chosen with the
/// first, and the others take the same.
///
/// `SO_REUSEPORT` would also share the port with another process of the same user that
/// listens on it already: that is an error here (`AddrInUse`), as for a plain socket.
pub fn listeners(address: SocketAddr, count: usize) -> io::Result<Vec<std::net::TcpListener>> {
    fn bind(address: SocketAddr) -> io::Result<std::net::TcpListener> {
        use socket2::{Domain, Socket, Type};
        let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
        // As std's `TcpListener::bind` does: a restarted proxy can listen at once, while the
        // connections of the last one linger in TIME_WAIT.
        #[cfg(unix)]
        {
            socket.set_reuse_address(true)?;
            socket.set_reuse_port(true)?;
        }
        socket.set_nonblocking(true)?;
        socket.bind(&address.into())?;
        socket.listen(1024)?;
        Ok(socket.into())
    }
    // A socket bound without SO_REUSEPORT finds a listener that is there already.
    if address.port() != 0 {
        drop(std::net::TcpListener::bind(address)?);
    }
    let first = bind(address)?;
    let bound = first.local_addr()?;
    let mut listeners = vec![first];
    if cfg!(unix) {
        for _ in 1..count {
            listeners.push(bind(bound)?);
        }
    }
    Ok(listeners)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn listeners_share_a_port_among_themselves_and_with_nobody_else() {
        let ours = listeners("127.0.0.1:0".parse().unwrap(), 3).unwrap();
        let address = ours[0].local_addr().unwrap();
        assert_ne!(address.port(), 0);
        assert_eq!(ours.len(), 3);
        for listener in &ours {
            assert_eq!(listener.local_addr().unwrap(), address);
        }
        let again = listeners(address, 2).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AddrInUse);
    }
}
