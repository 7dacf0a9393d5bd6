//! Real peers on loopback for event tests: an HTTP webhook receiver and an SMTP sink.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// An HTTP server that records every request and answers with queued statuses (then 200).
#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    statuses: Arc<Mutex<VecDeque<u16>>>,
}

impl Receiver {
    pub fn start() -> Receiver {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind receiver");
        let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
        let receiver = Receiver {
            url,
            received: Arc::default(),
            statuses: Arc::default(),
        };
        let r = receiver.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let r = r.clone();
                std::thread::spawn(move || r.handle(stream));
            }
        });
        receiver
    }

    /// The next requests get these statuses, in order.
    pub fn answer_with(&self, statuses: &[u16]) {
        self.statuses.lock().unwrap().extend(statuses);
    }

    fn handle(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut headers = Vec::new();
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((name, value)) = h.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap_or(0);
                }
                headers.push((name.trim().to_string(), value.trim().to_string()));
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let status = self.statuses.lock().unwrap().pop_front().unwrap_or(200);
        self.received
            .lock()
            .unwrap()
            .push(Received { headers, body });
        let mut stream = stream;
        let _ = write!(
            stream,
            "HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (real time, bounded) until at least `n` requests arrived.
    pub fn wait_for(&self, n: usize) -> Vec<Received> {
        wait(|| self.received().len() >= n);
        self.received()
    }
}

/// An SMTP server speaking enough of RFC 5321 for lettre; it can reject recipients.
#[derive(Clone)]
pub struct SmtpSink {
    pub port: u16,
    messages: Arc<Mutex<Vec<String>>>,
    /// Recipients containing this text are refused with `550` (a permanent rejection).
    reject: Option<&'static str>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        Self::start_on(0, None)
    }

    /// A sink on `port` (0: any free port) that refuses recipients containing `reject`.
    pub fn start_on(port: u16, reject: Option<&'static str>) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind smtp");
        let sink = SmtpSink {
            port: listener.local_addr().expect("addr").port(),
            messages: Arc::default(),
            reject,
        };
        let s = sink.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let s = s.clone();
                std::thread::spawn(move || s.session(stream));
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn session(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut out = stream;
        let _ = out.write_all(b"220 sink ESMTP\r\n");
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let command = line.trim_end().to_ascii_uppercase();
            let reply: &[u8] = if command.starts_with("EHLO") || command.starts_with("HELO") {
                b"250-sink\r\n250 8BITMIME\r\n"
            } else if command.starts_with("DATA") {
                let _ = out.write_all(b"354 go ahead\r\n");
                let mut data = String::new();
                loop {
                    let mut l = String::new();
                    if reader.read_line(&mut l).unwrap_or(0) == 0 {
                        return;
                    }
                    if l == ".\r\n" {
                        break;
                    }
                    data.push_str(&l);
                }
                self.messages.lock().unwrap().push(data);
                b"250 queued\r\n"
            } else if command.starts_with("RCPT")
                && self
                    .reject
                    .is_some_and(|r| command.contains(&r.to_ascii_uppercase()))
            {
                b"550 5.1.1 no such mailbox\r\n"
            } else if command.starts_with("QUIT") {
                let _ = out.write_all(b"221 bye\r\n");
                return;
            } else {
                b"250 ok\r\n"
            };
            let _ = out.write_all(reply);
        }
    }

    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }

    pub fn wait_for(&self, n: usize) -> Vec<String> {
        wait(|| self.messages().len() >= n);
        self.messages()
    }
}

/// Polls `done` for up to 10 s of real time: the worker runs on its own thread.
pub fn wait(done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// Turns on `user.action` events for the Default tenant and adds a global webhook for them to a
/// new receiver: what every event test starts from. Returns the receiver and the webhook's id.
pub fn hooked(app: &crate::support::TestApp) -> (Receiver, uuid::Uuid) {
    let tenant = app.default_tenant();
    app.patch(
        &format!("/api/tenant/{tenant}"),
        serde_json::json!({"tenant": {"eventConfiguration": {"events": {"user.action": {"enabled": true}}}}}),
    )
    .ok();
    let hook = Receiver::start();
    let res = app.post(
        "/api/webhook",
        serde_json::json!({"webhook": {"url": hook.url, "connectTimeout": 1000, "readTimeout": 2000,
            "global": true, "eventsEnabled": {"user.action": true}}}),
    );
    let id = res.ok()["webhook"]["id"].as_str().unwrap().parse().unwrap();
    (hook, id)
}
