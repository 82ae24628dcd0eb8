#include "accrue/api/http/http_server.h"

#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <mutex>
#include <optional>
#include <random>

#include "accrue/api/http/error_json.h"
#include "accrue/api/http/log_line.h"
#include "accrue/api/http/router.h"
#include "accrue/base/check.h"

namespace accrue::api {
namespace {

constexpr char kRequestIdHeader[] = "X-Request-Id";
// Longest client-supplied request id we echo; longer ones are replaced, not truncated (a
// truncated id would not match what the client logged).
constexpr size_t kRequestIdMaxLength = 64;
constexpr std::string_view kRequestIdPrefix = "req_";
// httplib matches each route regex against the whole path; this one matches any path (including
// a decoded '\n', which '.' would not). libstdc++'s regex recurses once per character, which is
// safe here because httplib rejects request targets over CPPHTTPLIB_REQUEST_URI_MAX_LENGTH (8 kB)
// before routing; a test sends paths just under and far over that limit to keep this true.
constexpr char kCatchAllPattern[] = "[\\s\\S]*";
// Pause between attempts while Stop() waits for httplib to finish starting (see Stop()).
constexpr auto kStopRetryInterval = std::chrono::milliseconds(1);

using SteadyTime = std::chrono::steady_clock::time_point;

// When the request being handled on this worker thread started, set by httplib's pre-routing
// hook. A worker handles one request at a time from start to end, so a thread_local is exact;
// it is cleared after every access-log line so that a request rejected before routing (bad
// request line) does not inherit the previous request's start.
thread_local std::optional<SteadyTime> t_request_start;

bool IsAcceptableRequestId(std::string_view id) {
  if (id.empty() || id.size() > kRequestIdMaxLength) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// Request ids need to be unique enough to find a log line, not unpredictable: a per-thread
// generator seeded from the OS avoids a lock on every request.
std::string NewRequestId() {
  thread_local std::mt19937_64 generator((static_cast<uint64_t>(std::random_device{}()) << 32) ^
                                         std::random_device{}());
  return fmt::format("{}{:016x}", kRequestIdPrefix, generator());
}

std::string RequestIdFor(const httplib::Request& req) {
  std::string incoming = req.get_header_value(kRequestIdHeader);
  return IsAcceptableRequestId(incoming) ? incoming : NewRequestId();
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// application/x-www-form-urlencoded decoding: '+' is a space, %XX a byte; a '%' not followed by
// two hex digits is kept literally (lenient, like browsers).
std::string DecodeQueryComponent(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 &&
               HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

// Parses the query of the request target ourselves rather than using httplib's req.params,
// which also receives the fields of form-encoded bodies: a body must never pose as a query.
std::multimap<std::string, std::string> ParseQuery(std::string_view target) {
  std::multimap<std::string, std::string> query;
  size_t question = target.find('?');
  if (question == std::string_view::npos) return query;
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    query.emplace(DecodeQueryComponent(name), DecodeQueryComponent(value));
  }
  return query;
}

std::string JoinMethods(const std::vector<std::string>& methods) {
  std::string out;
  for (const std::string& method : methods) {
    if (!out.empty()) out += ", ";
    out += method;
  }
  return out;
}

// Only SO_REUSEADDR (restart while old connections sit in TIME_WAIT). httplib's default also
// sets SO_REUSEPORT, with which a second server binds the same port without error and the kernel
// splits connections between the two: an accidental second instance must fail to start instead.
void SetListenSocketOptions(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

// httplib::Server with a way to close a socket that was bound but never served (httplib's own
// destructor leaves it open).
class ListeningServer : public httplib::Server {
 public:
  void CloseUnservedSocket() {
    socket_t sock = svr_sock_.exchange(INVALID_SOCKET);
    if (sock != INVALID_SOCKET) close(sock);
  }
};

}  // namespace

class HttpServer::Impl {
 public:
  explicit Impl(ServerOptions options) : options_(std::move(options)) {}

  ServerOptions options_;
  Router router_;
  ListeningServer server_;
  bool bound_ = false;   // set by Bind(); Route() is no longer allowed
  bool served_ = false;  // Serve() was called (once)

  std::mutex mu_;
  std::condition_variable serve_done_;
  bool stop_requested_ = false;  // guarded by mu_
  bool serving_ = false;         // guarded by mu_: inside listen_after_bind()
  bool stop_sent_ = false;       // guarded by mu_: httplib::Server::stop() was called

  void Configure();
  void Dispatch(const httplib::Request& req, httplib::Response& res);
  httplib::Server::HandlerResponse OnLibraryError(const httplib::Request& req,
                                                  httplib::Response& res);
  // api::Route: inside HttpServer, plain `Route` names the member function.
  HttpResponse RunHandler(const api::Route& route, const HttpRequest& request);
  HttpRequest MakeRequest(const httplib::Request& req, std::string request_id);
  static void WriteResponse(const HttpResponse& response, const std::string& request_id,
                            httplib::Response& res);
  static void LogRequest(std::string_view request_id, std::string_view method,
                         const std::string* route, int status, std::string_view tenant);
};

void HttpServer::Impl::Configure() {
  ACCRUE_CHECK(options_.threads > 0, "ServerOptions::threads must be positive");
  ACCRUE_CHECK(options_.read_timeout_s > 0 && options_.write_timeout_s > 0 &&
                   options_.keep_alive_timeout_s > 0,
               "ServerOptions timeouts must be positive");
  auto threads = static_cast<size_t>(options_.threads);
  server_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_.set_socket_options(SetListenSocketOptions);
  server_.set_payload_max_length(options_.max_body_bytes);
  server_.set_read_timeout(options_.read_timeout_s);
  server_.set_write_timeout(options_.write_timeout_s);
  server_.set_keep_alive_timeout(options_.keep_alive_timeout_s);
  server_.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_request_start = std::chrono::steady_clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        return OnLibraryError(req, res);
      }));
  // One catch-all per method; Router does the matching, which is what gives us 405s and
  // pattern names for the log.
  auto dispatch = [this](const httplib::Request& req, httplib::Response& res) {
    Dispatch(req, res);
  };
  server_.Get(kCatchAllPattern, dispatch);
  server_.Post(kCatchAllPattern, dispatch);
  server_.Put(kCatchAllPattern, dispatch);
  server_.Patch(kCatchAllPattern, dispatch);
  server_.Delete(kCatchAllPattern, dispatch);
  server_.Options(kCatchAllPattern, dispatch);
}

HttpRequest HttpServer::Impl::MakeRequest(const httplib::Request& req, std::string request_id) {
  HttpRequest request;
  request.method = req.method;
  request.path = req.path;
  request.query = ParseQuery(req.target);
  request.body = req.body;
  request.request_id = std::move(request_id);
  request.idempotency_key = req.get_header_value("Idempotency-Key");
  request.authorization = req.get_header_value("Authorization");
  request.content_type = req.get_header_value("Content-Type");
  return request;
}

HttpResponse HttpServer::Impl::RunHandler(const api::Route& route, const HttpRequest& request) {
  // Exceptions must not reach httplib, which would answer 500 with the exception text in a
  // header; third-party code inside handlers may still throw (std::bad_alloc, a library).
  std::string what;
  try {
    HttpResponse response = route.handler(request);
    if (response.status >= 100 && response.status <= 599) return response;
    what = fmt::format("handler returned HTTP status {}", response.status);
  } catch (const std::exception& e) {
    what = fmt::format("handler threw: {}", e.what());
  } catch (...) {
    what = "handler threw a non-standard exception";
  }
  Status status =
      InternalError("handler.failed", fmt::format("{} {}: {}", route.method, route.pattern, what));
  return ErrorResponse(status, request.request_id);  // ErrorBody logs `status`
}

void HttpServer::Impl::Dispatch(const httplib::Request& req, httplib::Response& res) {
  HttpRequest request = MakeRequest(req, RequestIdFor(req));
  RouteMatch match = router_.Match(req.method, req.path);
  HttpResponse response;
  switch (match.kind) {
    case RouteMatch::Kind::kFound:
      request.path_params = std::move(match.params);
      response = RunHandler(*match.route, request);
      break;
    case RouteMatch::Kind::kNotFound:
      response = ErrorResponse(
          NotFound("route.not_found", fmt::format("no endpoint for {} {}", req.method, req.path)),
          request.request_id);
      break;
    case RouteMatch::Kind::kMethodNotAllowed:
      response = ErrorResponse(
          InvalidArgument({}, "route.method_not_allowed",
                          fmt::format("{} is not allowed on {}; allowed: {}", req.method, req.path,
                                      JoinMethods(match.allowed))),
          request.request_id);
      response.status = 405;
      response.headers.emplace_back("Allow", JoinMethods(match.allowed));
      break;
  }
  WriteResponse(response, request.request_id, res);
  LogRequest(request.request_id, req.method,
             match.kind == RouteMatch::Kind::kFound ? &match.route->pattern : nullptr,
             response.status, response.log_tenant);
}

// Errors httplib produces before any route runs: unparseable requests (including methods its
// parser does not know, such as TRACE), request targets over 8 kB, bodies over the limit, and,
// defensively, a method it parses but we registered no catch-all for (its 404). Our own responses
// carry X-Request-Id and pass through untouched.
httplib::Server::HandlerResponse HttpServer::Impl::OnLibraryError(const httplib::Request& req,
                                                                  httplib::Response& res) {
  if (res.has_header(kRequestIdHeader)) return httplib::Server::HandlerResponse::Unhandled;
  std::string request_id = RequestIdFor(req);
  Status status;
  if (res.status == 413) {
    status = LimitExceeded("request.too_large",
                           fmt::format("request body exceeds {} bytes", options_.max_body_bytes));
  } else if (res.status == 414) {
    status = InvalidArgument(
        {}, "request.uri_too_long",
        fmt::format("the request target exceeds {} bytes", CPPHTTPLIB_REQUEST_URI_MAX_LENGTH));
  } else if (res.status == 404) {
    res.status = 405;
    status = InvalidArgument({}, "route.method_not_allowed",
                             fmt::format("method {} is not supported", req.method));
  } else {
    status = InvalidArgument({}, "request.malformed_http",
                             "the request could not be parsed as HTTP/1.1");
  }
  HttpResponse response = JsonResponse(res.status, ErrorBody(status, request_id));
  WriteResponse(response, request_id, res);
  LogRequest(request_id, req.method, nullptr, res.status, "");
  return httplib::Server::HandlerResponse::Handled;
}

void HttpServer::Impl::WriteResponse(const HttpResponse& response, const std::string& request_id,
                                     httplib::Response& res) {
  res.status = response.status;
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.set_header(kRequestIdHeader, request_id);
  if (!response.body.empty()) res.set_content(response.body, response.content_type);
}

void HttpServer::Impl::LogRequest(std::string_view request_id, std::string_view method,
                                  const std::string* route, int status, std::string_view tenant) {
  LogLine line(spdlog::level::info, "request");
  JsonWriter& json = line.json();
  json.Field("request_id", request_id);
  json.Field("method", method);
  if (route != nullptr) {
    json.Field("route", *route);
  } else {
    json.FieldNull("route");
  }
  json.Field("status", status);
  if (t_request_start.has_value()) {
    auto latency = std::chrono::steady_clock::now() - *t_request_start;
    json.Field("latency_us",
               std::chrono::duration_cast<std::chrono::microseconds>(latency).count());
  } else {
    json.FieldNull("latency_us");
  }
  if (tenant.empty()) {
    json.FieldNull("tenant");
  } else {
    json.Field("tenant", tenant);
  }
  line.Emit();
  t_request_start.reset();
}

HttpServer::HttpServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->Configure();
}

HttpServer::~HttpServer() {
  std::lock_guard<std::mutex> lock(impl_->mu_);
  ACCRUE_CHECK(!impl_->serving_, "HttpServer destroyed while Serve() is running");
  impl_->server_.CloseUnservedSocket();
}

void HttpServer::Route(std::string_view method, std::string_view pattern, Handler handler) {
  ACCRUE_CHECK(!impl_->bound_, "HttpServer::Route after Bind");
  impl_->router_.Add(method, pattern, std::move(handler));
}

Result<int> HttpServer::Bind() {
  ACCRUE_CHECK(!impl_->bound_, "HttpServer::Bind called twice");
  const ServerOptions& options = impl_->options_;
  int port = options.port;
  errno = 0;
  if (port == 0) {
    port = impl_->server_.bind_to_any_port(options.host);
  } else if (!impl_->server_.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    int error = errno;
    return MakeError(absl::StatusCode::kUnavailable, "server.bind_failed",
                     fmt::format("cannot listen on {}:{}: {}", options.host, options.port,
                                 error != 0 ? std::strerror(error) : "unknown error"));
  }
  impl_->bound_ = true;
  return port;
}

Status HttpServer::Serve() {
  ACCRUE_CHECK(impl_->bound_, "HttpServer::Serve before Bind");
  {
    std::lock_guard<std::mutex> lock(impl_->mu_);
    ACCRUE_CHECK(!impl_->served_, "HttpServer::Serve called twice");
    impl_->served_ = true;
    if (impl_->stop_requested_) return OkStatus();
    impl_->serving_ = true;
  }
  // Returns after stop(), once the worker pool has finished every accepted connection.
  bool ok = impl_->server_.listen_after_bind();
  bool stopped = false;
  {
    std::lock_guard<std::mutex> lock(impl_->mu_);
    impl_->serving_ = false;
    stopped = impl_->stop_requested_;
  }
  impl_->serve_done_.notify_all();
  if (!ok && !stopped) {
    return Unavailable("server.accept_failed", "the listening socket failed; server stopped");
  }
  return OkStatus();
}

void HttpServer::Stop() {
  std::unique_lock<std::mutex> lock(impl_->mu_);
  impl_->stop_requested_ = true;
  // httplib::Server::stop() does nothing until listen_after_bind() has marked the server running,
  // and Serve() may be just before that point; retry until stop() can take effect or Serve()
  // returns. stop() must run only once: a second call trips an assertion inside httplib.
  while (impl_->serving_ && !impl_->stop_sent_) {
    if (impl_->server_.is_running()) {
      impl_->server_.stop();
      impl_->stop_sent_ = true;
      break;
    }
    impl_->serve_done_.wait_for(lock, kStopRetryInterval);
  }
}

}  // namespace accrue::api
