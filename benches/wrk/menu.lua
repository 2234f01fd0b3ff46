-- GET /api/menu. Args: [etag [full_every]]. With an etag, every request sends
-- If-None-Match (a tablet that already has the menu: 304), except one in
-- `full_every` that asks for the whole menu (200).
local counter = 0
local etag, full_every = nil, 0

function init(args)
  if args[1] and args[1] ~= "" then etag = args[1] end
  full_every = tonumber(args[2] or "0") or 0
end

function request()
  counter = counter + 1
  if etag and not (full_every > 0 and counter % full_every == 0) then
    return wrk.format("GET", "/api/menu", { ["If-None-Match"] = etag })
  end
  return wrk.format("GET", "/api/menu")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f,"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
