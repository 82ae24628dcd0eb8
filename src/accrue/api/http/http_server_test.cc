#include "accrue/api/http/http_server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "accrue/api/json/json_reader.h"
#include "accrue/api/json/json_writer.h"
#include "testing/status_matchers.h"

namespace accrue::api {
namespace {

using ::accrue::testing::HasReason;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

// Replaces spdlog's default logger for the test's lifetime and collects what it logs.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_);
    sink->set_pattern("%v");
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("captured", sink));
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() {
    spdlog::default_logger()->flush();
    return stream_.str();
  }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

struct ErrorFields {
  std::string type;
  std::string code;
  std::string message;
  std::optional<std::string> param;
  std::string request_id;
};

// Parses an error body strictly: exactly the documented fields, nothing else.
ErrorFields ParseError(const std::string& body) {
  ErrorFields out;
  auto doc = JsonDocument::Parse(body);
  EXPECT_TRUE(doc.ok()) << body;
  if (!doc.ok()) return out;
  ObjectReader root = doc->Root();
  auto error = root.RequiredObject("error");
  EXPECT_TRUE(error.ok()) << body;
  if (!error.ok()) return out;
  out.type = error->RequiredString("type", 100).value_or("");
  out.code = error->RequiredString("code", 100).value_or("");
  out.message = error->RequiredString("message", 1000).value_or("");
  out.param = error->OptionalString("param", 100).value_or(std::nullopt);
  out.request_id = error->RequiredString("request_id", 100).value_or("");
  EXPECT_OK(root.Finish()) << body;
  return out;
}

// Runs an HttpServer on a free port in a background thread.
class HttpServerTest : public ::testing::Test {
 protected:
  void Start(const std::function<void(HttpServer&)>& add_routes, ServerOptions options = {}) {
    options.port = 0;
    options.threads = 4;
    server_ = std::make_unique<HttpServer>(options);
    add_routes(*server_);
    auto port = server_->Bind();
    ASSERT_OK(port);
    port_ = *port;
    serve_thread_ = std::thread([this] {
      serve_status_ = server_->Serve();
      serve_returned_ = true;
    });
  }

  void StopAndJoin() {
    if (!serve_thread_.joinable()) return;
    server_->Stop();
    serve_thread_.join();
    EXPECT_OK(serve_status_);
  }

  void TearDown() override { StopAndJoin(); }

  httplib::Client Client() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client;
  }

  std::unique_ptr<HttpServer> server_;
  int port_ = 0;
  std::thread serve_thread_;
  Status serve_status_;
  std::atomic<bool> serve_returned_{false};
};

HttpResponse Echo(const HttpRequest& request) {
  JsonWriter json;
  json.BeginObject();
  json.Field("method", request.method);
  json.Field("path", request.path);
  json.Key("params");
  json.BeginArray();
  for (const std::string& param : request.path_params) json.String(param);
  json.EndArray();
  json.Key("query");
  json.BeginArray();
  for (const auto& [name, value] : request.query) {
    json.BeginArray();
    json.String(name);
    json.String(value);
    json.EndArray();
  }
  json.EndArray();
  json.Field("body", request.body);
  json.Field("idempotency_key", request.idempotency_key);
  json.Field("authorization", request.authorization);
  json.Field("content_type", request.content_type);
  json.EndObject();
  return JsonResponse(200, json.Take());
}

TEST_F(HttpServerTest, RoutesWithPathParamsQueryAndHeaders) {
  Start([](HttpServer& server) {
    server.Route("GET", "/v1/customers/{customer}/invoices/{invoice}", Echo);
    server.Route("POST", "/v1/invoices/{id}/finalize", [](const HttpRequest& request) {
      HttpResponse response = Echo(request);
      response.status = 201;
      response.headers.emplace_back("X-Extra", "1");
      EXPECT_EQ(request.Param(0), "in_7");
      return response;
    });
  });
  httplib::Client client = Client();
  client.set_url_encode(false);  // send the query exactly as written
  auto get = client.Get("/v1/customers/cus_1/invoices/in_2?limit=10&b=x%20y+z&limit=20&flag");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(
      get->body,
      R"({"method":"GET","path":"/v1/customers/cus_1/invoices/in_2","params":["cus_1","in_2"],)"
      R"("query":[["b","x y z"],["flag",""],["limit","10"],["limit","20"]],"body":"",)"
      R"("idempotency_key":"","authorization":"","content_type":""})");

  httplib::Headers headers = {{"Idempotency-Key", "key-1"}, {"Authorization", "Bearer sk_test"}};
  auto post = client.Post("/v1/invoices/in_7/finalize", headers, R"({"a":1})", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 201);
  EXPECT_EQ(post->get_header_value("X-Extra"), "1");
  EXPECT_THAT(post->body, HasSubstr(R"("body":"{\"a\":1}")"));
  EXPECT_THAT(post->body, HasSubstr(R"("idempotency_key":"key-1")"));
  EXPECT_THAT(post->body, HasSubstr(R"("authorization":"Bearer sk_test")"));
  EXPECT_THAT(post->body, HasSubstr(R"("content_type":"application/json")"));
}

TEST_F(HttpServerTest, QueryOfTheTargetNotFormBody) {
  Start([](HttpServer& server) {
    server.Route("POST", "/v1/x", [](const HttpRequest& request) {
      EXPECT_EQ(request.Query("a"), std::optional<std::string>("1"));
      EXPECT_EQ(request.Query("form"), std::nullopt);  // a form body is not a query
      EXPECT_EQ(request.Query("missing"), std::nullopt);
      return JsonResponse(200, "{}");
    });
  });
  auto response = Client().Post("/v1/x?a=1&a=2", "form=1", "application/x-www-form-urlencoded");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(HttpServerTest, UnknownPathIs404Json) {
  Start([](HttpServer& server) { server.Route("GET", "/v1/invoices/{id}", Echo); });
  auto response = Client().Get("/v1/nothing/here");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
  ErrorFields error = ParseError(response->body);
  EXPECT_EQ(error.type, "not_found");
  EXPECT_EQ(error.code, "route.not_found");
  EXPECT_THAT(error.message, HasSubstr("GET /v1/nothing/here"));
  EXPECT_EQ(error.request_id, response->get_header_value("X-Request-Id"));
}

TEST_F(HttpServerTest, WrongMethodIs405JsonWithAllow) {
  Start([](HttpServer& server) {
    server.Route("GET", "/v1/invoices/{id}", Echo);
    server.Route("DELETE", "/v1/invoices/{id}", Echo);
  });
  auto response = Client().Post("/v1/invoices/in_1", "{}", "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->get_header_value("Allow"), "GET, DELETE");
  ErrorFields error = ParseError(response->body);
  EXPECT_EQ(error.code, "route.method_not_allowed");
  EXPECT_EQ(error.type, "invalid_request_error");
}

TEST_F(HttpServerTest, MethodsTheHttpParserDoesNotKnowAre400Json) {
  Start([](HttpServer& server) { server.Route("GET", "/v1/x", Echo); });
  httplib::Client client = Client();
  httplib::Request request;
  request.method = "TRACE";  // httplib 0.11 accepts only the methods it can route
  request.path = "/v1/x";
  auto response = client.send(request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(ParseError(response->body).code, "request.malformed_http");
}

TEST_F(HttpServerTest, HeadIsServedByTheGetRoute) {
  Start([](HttpServer& server) { server.Route("GET", "/healthz", Echo); });
  auto response = Client().Head("/healthz");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "");
}

TEST_F(HttpServerTest, BodyOverTheLimitIs413JsonAndSkipsTheHandler) {
  std::atomic<int> calls{0};
  ServerOptions options;
  options.max_body_bytes = 1024;
  Start(
      [&](HttpServer& server) {
        server.Route("POST", "/v1/upload", [&](const HttpRequest& request) {
          ++calls;
          return JsonResponse(200, fmt::format(R"({{"bytes":{}}})", request.body.size()));
        });
      },
      options);
  httplib::Client client = Client();
  auto at_limit = client.Post("/v1/upload", std::string(1024, 'x'), "application/json");
  ASSERT_TRUE(at_limit);
  EXPECT_EQ(at_limit->status, 200);
  EXPECT_EQ(at_limit->body, R"({"bytes":1024})");

  auto over = client.Post("/v1/upload", std::string(1025, 'x'), "application/json");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 413);
  ErrorFields error = ParseError(over->body);
  EXPECT_EQ(error.code, "request.too_large");
  EXPECT_EQ(error.type, "invalid_request_error");
  EXPECT_FALSE(error.request_id.empty());
  EXPECT_EQ(error.request_id, over->get_header_value("X-Request-Id"));
  EXPECT_EQ(calls.load(), 1);
}

TEST_F(HttpServerTest, HandlerExceptionIs500JsonWithoutLeakingAndServerKeepsServing) {
  CapturedLog log;
  Start([](HttpServer& server) {
    server.Route("GET", "/v1/boom", [](const HttpRequest&) -> HttpResponse {
      throw std::runtime_error("connection string postgres://admin:hunter2@db");
    });
    server.Route("GET", "/v1/weird", [](const HttpRequest&) -> HttpResponse { throw 42; });
    server.Route("GET", "/v1/bad-status", [](const HttpRequest&) {
      HttpResponse response;
      response.status = 1000;
      return response;
    });
    server.Route("GET", "/v1/ok", Echo);
  });
  httplib::Client client = Client();
  for (const char* path : {"/v1/boom", "/v1/weird", "/v1/bad-status"}) {
    auto response = client.Get(path);
    ASSERT_TRUE(response) << path;
    EXPECT_EQ(response->status, 500) << path;
    ErrorFields error = ParseError(response->body);
    EXPECT_EQ(error.type, "api_error");
    EXPECT_EQ(error.code, "internal");
    EXPECT_EQ(error.message, "internal error");
    EXPECT_THAT(response->body, Not(HasSubstr("hunter2")));
    EXPECT_EQ(response->get_header_value("EXCEPTION_WHAT"), "");
  }
  EXPECT_THAT(log.text(), HasSubstr("hunter2"));  // the operator sees the cause
  auto ok = client.Get("/v1/ok");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(HttpServerTest, RequestIdIsEchoedWhenAcceptableElseGenerated) {
  Start([](HttpServer& server) {
    server.Route("GET", "/v1/id", [](const HttpRequest& request) {
      JsonWriter json;
      json.BeginObject();
      json.Field("request_id", request.request_id);
      json.EndObject();
      return JsonResponse(200, json.Take());
    });
  });
  httplib::Client client = Client();
  const std::string good = "abc-DEF_123-" + std::string(52, 'x');  // 64 characters
  auto echoed = client.Get("/v1/id", {{"X-Request-Id", good}});
  ASSERT_TRUE(echoed);
  EXPECT_EQ(echoed->get_header_value("X-Request-Id"), good);
  EXPECT_EQ(echoed->body, R"({"request_id":")" + good + R"("})");

  for (const std::string& bad : {good + "y", std::string("has space"), std::string("a\"b"),
                                 std::string("ünï"), std::string()}) {
    auto replaced = client.Get("/v1/id", {{"X-Request-Id", bad}});
    ASSERT_TRUE(replaced);
    EXPECT_THAT(replaced->get_header_value("X-Request-Id"), MatchesRegex("req_[0-9a-f]{16}"))
        << bad;
  }
  auto a = client.Get("/v1/id");
  auto b = client.Get("/v1/id");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->get_header_value("X-Request-Id"), b->get_header_value("X-Request-Id"));
  EXPECT_EQ(a->body, R"({"request_id":")" + a->get_header_value("X-Request-Id") + R"("})");
}

TEST_F(HttpServerTest, OneJsonAccessLogLinePerRequestWithoutSecrets) {
  CapturedLog log;
  Start([](HttpServer& server) {
    server.Route("POST", "/v1/invoices/{id}", [](const HttpRequest&) {
      HttpResponse response = JsonResponse(200, "{}");
      response.log_tenant = "acme";
      return response;
    });
  });
  httplib::Client client = Client();
  auto response =
      client.Post("/v1/invoices/in_secret_path?token=querysecret",
                  {{"Authorization", "Bearer sk_live_topsecret"}, {"X-Request-Id", "req-log-1"}},
                  R"({"card":"bodysecret"})", "application/json");
  ASSERT_TRUE(response);
  auto missing = client.Get("/nowhere", {{"X-Request-Id", "req-log-2"}});
  ASSERT_TRUE(missing);

  std::string text = log.text();
  EXPECT_THAT(text, Not(HasSubstr("topsecret")));
  EXPECT_THAT(text, Not(HasSubstr("bodysecret")));
  EXPECT_THAT(text, Not(HasSubstr("querysecret")));
  EXPECT_THAT(text, Not(HasSubstr("in_secret_path")));  // the pattern is logged, not the path
  std::istringstream lines(text);
  std::string first, second, extra;
  ASSERT_TRUE(std::getline(lines, first));
  ASSERT_TRUE(std::getline(lines, second));
  EXPECT_FALSE(std::getline(lines, extra)) << extra;

  ASSERT_OK_AND_ASSIGN(JsonDocument doc, JsonDocument::Parse(first));
  ObjectReader line = doc.Root();
  EXPECT_THAT(*line.RequiredString("ts", 40),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6}Z"));
  EXPECT_EQ(*line.RequiredString("level", 10), "info");
  EXPECT_EQ(*line.RequiredString("msg", 10), "request");
  EXPECT_EQ(*line.RequiredString("request_id", 64), "req-log-1");
  EXPECT_EQ(*line.RequiredString("method", 10), "POST");
  EXPECT_EQ(*line.RequiredString("route", 100), "/v1/invoices/{id}");
  EXPECT_EQ(*line.RequiredInt("status", 0, 999), 200);
  EXPECT_GE(*line.RequiredInt("latency_us", 0, 60'000'000), 0);
  EXPECT_EQ(*line.RequiredString("tenant", 10), "acme");
  EXPECT_OK(line.Finish());

  ASSERT_OK_AND_ASSIGN(JsonDocument doc2, JsonDocument::Parse(second));
  ObjectReader line2 = doc2.Root();
  EXPECT_EQ(*line2.RequiredString("request_id", 64), "req-log-2");
  EXPECT_EQ(*line2.RequiredInt("status", 0, 999), 404);
  EXPECT_FALSE(line2.Has("route"));   // null: no route matched
  EXPECT_FALSE(line2.Has("tenant"));  // null: unknown
}

TEST_F(HttpServerTest, StopLetsTheInFlightRequestFinish) {
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  Start([&](HttpServer& server) {
    server.Route("POST", "/v1/slow", [&](const HttpRequest&) {
      entered.set_value();
      released.wait();
      return JsonResponse(200, R"({"done":true})");
    });
  });
  auto client_result = std::async(std::launch::async, [this] {
    httplib::Client client = Client();
    auto response = client.Post("/v1/slow", "{}", "application/json");
    return response ? std::make_pair(response->status, response->body)
                    : std::make_pair(-1, std::string());
  });
  entered.get_future().wait();
  server_->Stop();  // returns while the handler is still blocked
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(serve_returned_.load()) << "Serve() returned with a request in flight";
  // The listening socket is already closed: new connections are refused.
  httplib::Client late("127.0.0.1", port_);
  late.set_connection_timeout(1, 0);
  EXPECT_FALSE(late.Get("/v1/slow"));

  release.set_value();
  serve_thread_.join();
  EXPECT_TRUE(serve_returned_.load());
  EXPECT_OK(serve_status_);
  auto [status, body] = client_result.get();
  EXPECT_EQ(status, 200);
  EXPECT_EQ(body, R"({"done":true})");
}

TEST_F(HttpServerTest, StopBeforeServeMakesServeReturnAtOnce) {
  HttpServer server(ServerOptions{.port = 0});
  server.Route("GET", "/x", Echo);
  ASSERT_OK(server.Bind());
  server.Stop();
  server.Stop();  // idempotent
  EXPECT_OK(server.Serve());
}

TEST_F(HttpServerTest, StopRightAfterServeStartsIsNotLost) {
  for (int i = 0; i < 20; ++i) {
    HttpServer server(ServerOptions{.port = 0, .threads = 1});
    ASSERT_OK(server.Bind());
    std::thread serve([&] { EXPECT_OK(server.Serve()); });
    server.Stop();
    server.Stop();
    serve.join();
  }
}

TEST_F(HttpServerTest, BindFailsWhenThePortIsTaken) {
  Start([](HttpServer& server) { server.Route("GET", "/x", Echo); });
  HttpServer second(ServerOptions{.port = port_});
  auto bound = second.Bind();
  EXPECT_THAT(bound, HasReason("server.bind_failed"));
  EXPECT_THAT(std::string(bound.status().message()), HasSubstr(std::to_string(port_)));
}

TEST_F(HttpServerTest, LongPathsAreRoutedOrRejectedWithoutCrashing) {
  Start([](HttpServer& server) { server.Route("GET", "/v1/x", Echo); });
  // Just under httplib's 8 kB request-target limit: goes through the catch-all regex (which
  // recurses per character in libstdc++) and the router.
  auto near_limit = Client().Get("/" + std::string(8150, 'a'));
  ASSERT_TRUE(near_limit);
  EXPECT_EQ(near_limit->status, 404);
  EXPECT_EQ(ParseError(near_limit->body).code, "route.not_found");
  // Far over it: rejected by the parser before any regex runs.
  auto huge = Client().Get("/" + std::string(200'000, 'a'));
  ASSERT_TRUE(huge);
  EXPECT_EQ(huge->status, 414);
  EXPECT_EQ(ParseError(huge->body).code, "request.uri_too_long");
  auto ok = Client().Get("/v1/x");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

// Sends raw bytes and returns one response (status line, headers and a Content-Length body).
std::string RawExchange(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  EXPECT_EQ(connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  EXPECT_EQ(send(fd, request.data(), request.size(), 0), static_cast<ssize_t>(request.size()));
  // No half-close: httplib does not answer a peer that has shut down its sending side.
  std::string answer;
  char buffer[4096];
  while (true) {
    size_t header_end = answer.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      size_t length_at = answer.find("Content-Length: ");
      size_t length = length_at < header_end ? std::stoul(answer.substr(length_at + 16)) : 0;
      if (answer.size() >= header_end + 4 + length) break;
    }
    ssize_t n = recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  return answer;
}

TEST_F(HttpServerTest, MalformedRequestGetsJson400) {
  Start([](HttpServer& server) { server.Route("GET", "/v1/x", Echo); });
  std::string answer = RawExchange(port_, "GET /v1/x NOT-HTTP\r\n\r\n");
  EXPECT_THAT(answer, ::testing::StartsWith("HTTP/1.1 400 "));
  EXPECT_THAT(answer, ContainsRegex("X-Request-Id: req_[0-9a-f]{16}"));
  size_t body_start = answer.find("\r\n\r\n");
  ASSERT_NE(body_start, std::string::npos);
  ErrorFields error = ParseError(answer.substr(body_start + 4));
  EXPECT_EQ(error.code, "request.malformed_http");
  EXPECT_EQ(error.type, "invalid_request_error");
}

}  // namespace
}  // namespace accrue::api
