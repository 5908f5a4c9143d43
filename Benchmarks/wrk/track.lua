-- POST /v1/track: one Segment track call per request, for 20,000 users (with an email trait,
-- so the profile-read scenarios find them), each with a unique messageId.
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
  counter = counter + 1
  local user = math.random(1, 20000)
  local body = string.format('{"userId":"u-%d","anonymousId":"a-%d","event":"Product Viewed","messageId":"%s-%d","properties":{"sku":"BAG-%d","price":1250,"currency":"EUR"},"context":{"channel":"browser","page":{"path":"/bags"},"traits":{"email":"u-%d@example.com"}},"timestamp":"2026-05-01T10:00:00Z"}', user, user, prefix, counter, user % 300, user)
  return wrk.format(nil, "/v1/track", nil, body)
end
