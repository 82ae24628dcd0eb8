#include "accrue/api/http/error_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <sstream>

#include "accrue/api/json/json_reader.h"
#include "testing/status_matchers.h"

namespace accrue::api {
namespace {

using ::testing::HasSubstr;
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
  std::string text() const { return stream_.str(); }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

Status WithCode(absl::StatusCode code, std::string_view reason = "x.y") {
  return MakeError(code, reason, "message");
}

TEST(HttpStatusForTest, MapsEveryCode) {
  using C = absl::StatusCode;
  EXPECT_EQ(HttpStatusFor(WithCode(C::kInvalidArgument)), 400);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kUnauthenticated)), 401);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kPermissionDenied)), 403);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kNotFound)), 404);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kFailedPrecondition)), 409);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kAlreadyExists)), 409);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kResourceExhausted, "request.too_large")), 413);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kResourceExhausted, "rate.api_key")), 429);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kResourceExhausted, "requests.per_second")), 429);
  EXPECT_EQ(HttpStatusFor(Status(C::kResourceExhausted, "no reason")), 429);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kUnimplemented)), 501);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kUnavailable)), 503);
  EXPECT_EQ(HttpStatusFor(WithCode(C::kDeadlineExceeded)), 504);
  for (C code :
       {C::kInternal, C::kDataLoss, C::kUnknown, C::kCancelled, C::kAborted, C::kOutOfRange}) {
    EXPECT_EQ(HttpStatusFor(WithCode(code)), 500) << absl::StatusCodeToString(code);
  }
}

TEST(ErrorBodyTest, InvalidArgumentWithParam) {
  Status status = InvalidArgument("address.country", "parameter.invalid_type",
                                  "'address.country' must be a string");
  EXPECT_EQ(ErrorBody(status, "req_1"),
            R"({"error":{"type":"invalid_request_error","code":"parameter.invalid_type",)"
            R"("message":"'address.country' must be a string","param":"address.country",)"
            R"("request_id":"req_1"}})");
}

TEST(ErrorBodyTest, ParamIsOmittedWhenEmpty) {
  EXPECT_EQ(ErrorBody(NotFound("invoice.not_found", "no such invoice: in_1"), "req_2"),
            R"({"error":{"type":"not_found","code":"invoice.not_found",)"
            R"("message":"no such invoice: in_1","request_id":"req_2"}})");
}

TEST(ErrorBodyTest, TypeFamilies) {
  auto type_of = [](const Status& status) {
    auto doc = JsonDocument::Parse(ErrorBody(status, "r"));
    EXPECT_TRUE(doc.ok()) << doc.status();
    ObjectReader root = doc->Root();
    auto error = root.RequiredObject("error");
    EXPECT_TRUE(error.ok());
    return *error->RequiredString("type", 100);
  };
  using C = absl::StatusCode;
  EXPECT_EQ(type_of(WithCode(C::kInvalidArgument)), "invalid_request_error");
  EXPECT_EQ(type_of(WithCode(C::kUnauthenticated)), "authentication_error");
  EXPECT_EQ(type_of(WithCode(C::kPermissionDenied)), "authentication_error");
  EXPECT_EQ(type_of(WithCode(C::kNotFound)), "not_found");
  EXPECT_EQ(type_of(WithCode(C::kFailedPrecondition)), "conflict");
  EXPECT_EQ(type_of(WithCode(C::kAlreadyExists)), "conflict");
  EXPECT_EQ(type_of(WithCode(C::kResourceExhausted, "request.too_large")), "invalid_request_error");
  EXPECT_EQ(type_of(WithCode(C::kResourceExhausted, "rate.limit")), "rate_limit_error");
  EXPECT_EQ(type_of(WithCode(C::kUnavailable)), "api_error");
  EXPECT_EQ(type_of(WithCode(C::kInternal)), "api_error");
}

TEST(ErrorBodyTest, ReasonDefaultsToTheCodeName) {
  EXPECT_THAT(ErrorBody(Status(absl::StatusCode::kNotFound, "gone"), "r"),
              HasSubstr(R"("code":"not_found")"));
}

TEST(ErrorBodyTest, InternalErrorsDoNotLeakButAreLogged) {
  CapturedLog log;
  Status status =
      MakeError(absl::StatusCode::kInternal, "ledger.unbalanced",
                "journal entry 17 in table ledger_lines does not balance", "secret_param");
  std::string body = ErrorBody(status, "req_abc");
  EXPECT_EQ(body, R"({"error":{"type":"api_error","code":"internal","message":"internal error",)"
                  R"("request_id":"req_abc"}})");
  EXPECT_THAT(body, Not(HasSubstr("ledger")));
  std::string logged = log.text();
  EXPECT_THAT(logged, HasSubstr(R"("level":"error")"));
  EXPECT_THAT(logged, HasSubstr(R"("request_id":"req_abc")"));
  EXPECT_THAT(logged, HasSubstr(R"("code":"ledger.unbalanced")"));
  EXPECT_THAT(logged, HasSubstr("journal entry 17 in table ledger_lines does not balance"));
  // The log record is one JSON object per line.
  ASSERT_FALSE(logged.empty());
  EXPECT_OK(JsonDocument::Parse(logged.substr(0, logged.find('\n'))));
}

TEST(ErrorBodyTest, NonInternalErrorsAreNotLogged) {
  CapturedLog log;
  ErrorBody(NotFound("invoice.not_found", "x"), "r");
  ErrorBody(WithCode(absl::StatusCode::kUnavailable), "r");
  EXPECT_EQ(log.text(), "");
}

TEST(ErrorBodyTest, EscapesUntrustedText) {
  std::string body = ErrorBody(
      InvalidArgument("a\"b", "parameter.unknown", "unknown parameter 'a\"b\n'"), "req\"");
  EXPECT_OK(JsonDocument::Parse(body));
  EXPECT_THAT(body, HasSubstr(R"("param":"a\"b")"));
}

}  // namespace
}  // namespace accrue::api
