//! A request on its way through the edge, as a hand-written future: the
//! router's answer polled in place, a timer only once a read waits, a body
//! read boxed only when there is a body.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::Response;
use axum::routing::future::RouteFuture;
use axum::Router;

use super::{finish, route, Edge, Meta};
use crate::app::ErrorCode;
use crate::http::error::{error_response, InternalCause};

pub(super) type BodyRead = Pin<Box<dyn Future<Output = Result<Request, Response>> + Send>>;

pub(super) enum State {
    ReadingBody(BodyRead, Router),
    /// The router's answer, and the read timeout's timer once it waits.
    Answering(
        RouteFuture<Infallible>,
        Option<Pin<Box<tokio::time::Sleep>>>,
    ),
    Done(Option<Response>),
}

/// A request on its way through the edge; see [`Edge::start`].
pub struct EdgeFuture {
    pub(super) edge: Arc<Edge>,
    /// Taken when the answer is finished.
    pub(super) meta: Option<Meta>,
    pub(super) state: State,
}

impl Future for EdgeFuture {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            let resp = match &mut this.state {
                State::Done(resp) => return Poll::Ready(Ok(resp.take().unwrap_or_default())),
                State::ReadingBody(body, router) => match body.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Err(resp)) => resp,
                    Poll::Ready(Ok(req)) => {
                        let Some(meta) = this.meta.as_ref() else {
                            return Poll::Ready(Ok(Response::default()));
                        };
                        this.state = State::Answering(route(router.clone(), req, meta), None);
                        continue;
                    }
                },
                State::Answering(answer, timer) => {
                    let Some(meta) = this.meta.as_ref() else {
                        return Poll::Ready(Ok(Response::default()));
                    };
                    let polled = {
                        let _entered = meta.span.as_ref().map(|s| s.enter());
                        Pin::new(&mut *answer).poll(cx)
                    };
                    match polled {
                        Poll::Ready(Ok(resp)) => resp,
                        Poll::Ready(Err(never)) => match never {},
                        Poll::Pending if !meta.is_read => return Poll::Pending,
                        // The timer starts when the handler first waits: a
                        // cached read sets none.
                        Poll::Pending => {
                            let limit = this.edge.read_timeout;
                            let t =
                                timer.get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                            if t.as_mut().poll(cx).is_pending() {
                                return Poll::Pending;
                            }
                            error_response(
                                ErrorCode::RequestTimeout,
                                "the server took too long to answer; try again",
                            )
                        }
                    }
                }
            };
            let Some(meta) = this.meta.take() else {
                return Poll::Ready(Ok(resp));
            };
            if resp.status().is_server_error() {
                let cause = resp
                    .extensions()
                    .get::<InternalCause>()
                    .map(|c| c.0.as_str());
                tracing::error!(request_id = ?meta.id, method = %meta.method, path = %meta.uri.path(), status = resp.status().as_u16(), error = cause.unwrap_or("-"), "request failed");
            }
            this.state = State::Done(Some(finish(resp, meta.id)));
        }
    }
}
