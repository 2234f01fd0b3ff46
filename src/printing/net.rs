//! Raw TCP printing ("port 9100", JetDirect): connect, write, close.

use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// Why a print did not go through: a code a client words itself
/// (`no_answer`, `cannot_connect`, `stalled`, `send_failed`) and the
/// English detail for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub code: &'static str,
    pub message: String,
}

fn failed(code: &'static str, message: String) -> SendError {
    SendError { code, message }
}

/// Sends `bytes` to the printer at `host:port`. Connecting (name lookup
/// included) and writing each give up after `timeout`.
pub async fn send(host: &str, port: u16, bytes: &[u8], timeout: Duration) -> Result<(), SendError> {
    let mut stream = match tokio::time::timeout(timeout, TcpStream::connect((host, port))).await {
        Err(_) => {
            return Err(failed(
                "no_answer",
                format!("no answer from {host}:{port} within {timeout:?}"),
            ))
        }
        Ok(Err(e)) => {
            return Err(failed(
                "cannot_connect",
                format!("cannot connect to {host}:{port}: {e}"),
            ))
        }
        Ok(Ok(s)) => s,
    };
    let write = async {
        stream.write_all(bytes).await?;
        stream.flush().await?;
        stream.shutdown().await
    };
    match tokio::time::timeout(timeout, write).await {
        Err(_) => Err(failed(
            "stalled",
            format!("the printer at {host}:{port} stopped taking data (timeout)"),
        )),
        Ok(Err(e)) => Err(failed(
            "send_failed",
            format!("sending to {host}:{port} failed: {e}"),
        )),
        Ok(Ok(())) => Ok(()),
    }
}
