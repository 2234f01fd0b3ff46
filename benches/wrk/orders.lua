-- Authenticated POST /api/orders, each with its own Idempotency-Key.
-- Args: token body key_prefix [delay_ms]. With delay_ms > 0 every connection
-- waits about that long (uniform jitter of +-50 %) before its next order, so
-- C connections send about C * 1000 / delay_ms orders per second.
local thread_no = 0
local threads = {}
local counter = 0
local token, body, prefix, delay_ms

function setup(thread)
  thread_no = thread_no + 1
  thread:set("tid", thread_no)
  table.insert(threads, thread)
end

function init(args)
  token, body, prefix = args[1], args[2], args[3]
  delay_ms = tonumber(args[4] or "0") or 0
  math.randomseed(tid * 7919 + os.time())
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/api/orders", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. "-" .. tid .. "-" .. counter,
  }, body)
end

function delay()
  if delay_ms <= 0 then return 0 end
  return math.floor(delay_ms * (0.5 + math.random()))
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f,"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
