//! Raw TCP printing ("port 9100", JetDirect): connect, write, close.

use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Sends `bytes` to the printer at `host:port`. Connecting (name lookup
/// included) and writing each give up after `timeout`.
pub async fn send(host: &str, port: u16, bytes: &[u8], timeout: Duration) -> Result<(), String> {
    let mut stream = match tokio::time::timeout(timeout, TcpStream::connect((host, port))).await {
        Err(_) => return Err(format!("no answer from {host}:{port} within {timeout:?}")),
        Ok(Err(e)) => return Err(format!("cannot connect to {host}:{port}: {e}")),
        Ok(Ok(s)) => s,
    };
    let write = async {
        stream.write_all(bytes).await?;
        stream.flush().await?;
        stream.shutdown().await
    };
    match tokio::time::timeout(timeout, write).await {
        Err(_) => Err(format!(
            "the printer at {host}:{port} stopped taking data (timeout)"
        )),
        Ok(Err(e)) => Err(format!("sending to {host}:{port} failed: {e}")),
        Ok(Ok(())) => Ok(()),
    }
}
