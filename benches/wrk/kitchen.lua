-- The kitchen screen (run with -t1 -c1): lists the placed orders, then moves
-- each along placed -> in_progress -> ready -> completed, one request at a
-- time, and lists again when it has nothing left to move. Args: token.
local token
local queue = {}
local head, tail = 1, 0
local current = nil
local next_status = { in_progress = "ready", ready = "completed" }

function init(args)
  token = args[1]
end

local function push(item)
  tail = tail + 1
  queue[tail] = item
end

function request()
  if head > tail then
    current = nil
    return wrk.format("GET", "/api/orders?status=placed", { ["Authorization"] = "Bearer " .. token })
  end
  current = queue[head]
  queue[head] = nil
  head = head + 1
  return wrk.format("POST", "/api/orders/" .. current.id .. "/status", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, '{"status":"' .. current.status .. '"}')
end

function response(status, headers, body)
  if current == nil then
    if status == 200 then
      local n = 0
      for id in string.gmatch(body, '"id":"([0-9a-f%-]+)","number"') do
        push({ id = id, status = "in_progress" })
        n = n + 1
        if n >= 20 then break end
      end
    end
  elseif status == 200 and next_status[current.status] then
    push({ id = current.id, status = next_status[current.status] })
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d,"max_us":%d,"mean_us":%.1f,"err_connect":%d,"err_read":%d,"err_write":%d,"err_status":%d,"err_timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
