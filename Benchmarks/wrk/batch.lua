-- POST /v1/batch with 100 track calls per request (events/s = requests/s x 100).
local counter = 0
local prefix = ""
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  prefix = tostring(math.random(1, 1e9))
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  local events = {}
  for i = 1, 100 do
    counter = counter + 1
    local user = math.random(1, 20000)
    events[i] = string.format('{"type":"track","userId":"u-%d","anonymousId":"a-%d","event":"Product Viewed","messageId":"b%s-%d","properties":{"sku":"BAG-%d","price":1250,"currency":"EUR"},"context":{"channel":"browser","page":{"path":"/bags"}},"timestamp":"2026-05-01T10:00:00Z"}', user, user, prefix, counter, user % 300)
  end
  return wrk.format(nil, "/v1/batch", nil, '{"batch":[' .. table.concat(events, ",") .. ']}')
end
