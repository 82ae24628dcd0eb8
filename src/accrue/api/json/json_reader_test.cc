#include "accrue/api/json/json_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "testing/status_matchers.h"

namespace accrue::api {
namespace {

using ::accrue::testing::HasParam;
using ::accrue::testing::HasReason;
using ::accrue::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::Pair;

// A Result that is OK and whose value matches `matcher`.
MATCHER_P(IsOkAndHolds, matcher, "") {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(matcher, *arg, result_listener);
}

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

// Parses `body`, which the test expects to be a valid object.
JsonDocument Doc(std::string_view body, const JsonLimits& limits = {}) {
  auto doc = JsonDocument::Parse(body, limits);
  EXPECT_TRUE(doc.ok()) << doc.status();
  if (!doc.ok()) return *JsonDocument::Parse("{}");
  return *std::move(doc);
}

auto InvalidParam(std::string_view reason, std::string_view param) {
  return AllOf(StatusIs(absl::StatusCode::kInvalidArgument), HasReason(std::string(reason)),
               HasParam(std::string(param)));
}

std::string Nested(size_t depth) {
  std::string body = "{";
  for (size_t i = 1; i < depth; ++i) body += R"("a":{)";
  body += std::string(depth, '}');
  return body;
}

// --- Parse ------------------------------------------------------------------------------------

TEST(JsonDocumentTest, ParsesAnObject) {
  ASSERT_OK_AND_ASSIGN(JsonDocument doc, JsonDocument::Parse(R"( {"name":"Acme"} )"));
  ObjectReader root = doc.Root();
  EXPECT_EQ(root.path(), "");
  EXPECT_THAT(root.RequiredString("name", 10), IsOkAndHolds("Acme"));
  EXPECT_OK(root.Finish());
}

TEST(JsonDocumentTest, RejectsMalformedJsonWithParserMessage) {
  for (std::string_view body : {"{", R"({"a":})", R"({"a":1,})", "{} {}", R"({'a':1})",
                                R"({"a":01})", R"({"a":"\ud800"})", "\xEF\xBB\xBF{}"}) {
    auto doc = JsonDocument::Parse(body);
    EXPECT_THAT(doc, AllOf(StatusIs(absl::StatusCode::kInvalidArgument),
                           HasReason("request.malformed_json"), HasParam("")))
        << body;
    EXPECT_THAT(std::string(doc.status().message()), HasSubstr("not valid JSON: ")) << body;
  }
  auto empty = JsonDocument::Parse("  ");
  EXPECT_THAT(empty, HasReason("request.malformed_json"));
  EXPECT_THAT(std::string(empty.status().message()), HasSubstr("empty"));
}

TEST(JsonDocumentTest, RejectsIntegerLiteralsBeyond64Bits) {
  EXPECT_THAT(JsonDocument::Parse(R"({"n":99999999999999999999})"),
              HasReason("request.malformed_json"));
}

TEST(JsonDocumentTest, RejectsNonObjectRoots) {
  for (std::string_view body : {"[]", "[{}]", R"("x")", "1", "null", "true"}) {
    EXPECT_THAT(JsonDocument::Parse(body), AllOf(StatusIs(absl::StatusCode::kInvalidArgument),
                                                 HasReason("request.not_an_object")))
        << body;
  }
}

TEST(JsonDocumentTest, RejectsInvalidUtf8) {
  EXPECT_THAT(
      JsonDocument::Parse("{\"a\":\"\xC3\x28\"}"),
      AllOf(StatusIs(absl::StatusCode::kInvalidArgument), HasReason("request.invalid_utf8")));
  EXPECT_THAT(JsonDocument::Parse("{\"\xFF\":1}"), HasReason("request.invalid_utf8"));
}

TEST(JsonDocumentTest, EnforcesSizeLimitBeforeParsing) {
  JsonLimits limits;
  limits.max_bytes = 10;
  EXPECT_OK(JsonDocument::Parse(R"({"a":"12"})", limits));  // exactly 10 bytes
  // 11 bytes, and not even JSON: the size is checked first.
  EXPECT_THAT(
      JsonDocument::Parse("{{{{{{{{{{{", limits),
      AllOf(StatusIs(absl::StatusCode::kResourceExhausted), HasReason("request.too_large")));
  EXPECT_EQ(JsonLimits().max_bytes, size_t{1} << 20);
}

TEST(JsonDocumentTest, EnforcesDepthLimitCountingTheRoot) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_OK(JsonDocument::Parse(Nested(3), limits));
  EXPECT_OK(JsonDocument::Parse(R"({"a":[{}]})", limits));  // arrays count too
  EXPECT_THAT(JsonDocument::Parse(Nested(4), limits),
              AllOf(StatusIs(absl::StatusCode::kInvalidArgument), HasReason("request.too_deep")));
  EXPECT_OK(JsonDocument::Parse(R"({"a":[[]]})", limits));
  EXPECT_THAT(JsonDocument::Parse(R"({"a":[[[]]]})", limits), HasReason("request.too_deep"));
  // The default: 32 levels.
  EXPECT_OK(JsonDocument::Parse(Nested(32)));
  EXPECT_THAT(JsonDocument::Parse(Nested(33)), HasReason("request.too_deep"));
}

// --- Strings ----------------------------------------------------------------------------------

TEST(ObjectReaderTest, RequiredString) {
  JsonDocument doc = Doc(R"({"s":"abc","e":"","n":null,"i":1,"o":{}})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.RequiredString("s", 3), IsOkAndHolds("abc"));
  EXPECT_THAT(r.RequiredString("s", 2), InvalidParam("parameter.too_long", "s"));
  EXPECT_THAT(r.RequiredString("e", 3), InvalidParam("parameter.empty", "e"));
  EXPECT_THAT(r.RequiredString("n", 3), InvalidParam("parameter.missing", "n"));
  EXPECT_THAT(r.RequiredString("absent", 3), InvalidParam("parameter.missing", "absent"));
  auto wrong = r.RequiredString("i", 3);
  EXPECT_THAT(wrong, InvalidParam("parameter.invalid_type", "i"));
  EXPECT_THAT(std::string(wrong.status().message()), HasSubstr("must be a string"));
  EXPECT_THAT(r.RequiredString("o", 3), InvalidParam("parameter.invalid_type", "o"));
}

TEST(ObjectReaderTest, OptionalStringTreatsNullAsAbsentAndAllowsEmpty) {
  JsonDocument doc = Doc(R"({"s":"x","e":"","n":null,"b":true})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.OptionalString("s", 5), IsOkAndHolds(std::optional<std::string>("x")));
  EXPECT_THAT(r.OptionalString("e", 5), IsOkAndHolds(std::optional<std::string>("")));
  EXPECT_THAT(r.OptionalString("n", 5), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(r.OptionalString("absent", 5), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(r.OptionalString("b", 5), InvalidParam("parameter.invalid_type", "b"));
}

TEST(ObjectReaderTest, StringLengthCountsCodePointsNotBytes) {
  JsonDocument doc = Doc(R"({"greek":"αβγ","emoji":"😀😀"})");  // 6 and 8 bytes
  ObjectReader r = doc.Root();
  EXPECT_OK(r.RequiredString("greek", 3));
  EXPECT_THAT(r.RequiredString("greek", 2), InvalidParam("parameter.too_long", "greek"));
  EXPECT_OK(r.RequiredString("emoji", 2));
  EXPECT_THAT(r.RequiredString("emoji", 1), InvalidParam("parameter.too_long", "emoji"));
}

TEST(ObjectReaderTest, StringEscapesAreDecoded) {
  JsonDocument doc = Doc(R"({"s":"a\"b\\c\u00e9\n"})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.RequiredString("s", 10), IsOkAndHolds("a\"b\\c\xC3\xA9\n"));
}

// --- Integers and booleans --------------------------------------------------------------------

TEST(ObjectReaderTest, IntegersWithinRange) {
  JsonDocument doc = Doc(R"({"lo":1,"hi":100,"neg":-5,"min":-9223372036854775808,)"
                         R"("max":9223372036854775807})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.RequiredInt("lo", 1, 100), IsOkAndHolds(1));
  EXPECT_THAT(r.RequiredInt("hi", 1, 100), IsOkAndHolds(100));
  EXPECT_THAT(r.OptionalInt("neg", -5, 0), IsOkAndHolds(std::optional<int64_t>(-5)));
  EXPECT_THAT(r.RequiredInt("min", kMin, kMax), IsOkAndHolds(kMin));
  EXPECT_THAT(r.RequiredInt("max", kMin, kMax), IsOkAndHolds(kMax));
  EXPECT_OK(r.Finish());
}

TEST(ObjectReaderTest, IntegersOutOfRange) {
  JsonDocument doc = Doc(R"({"zero":0,"big":101,"u64":9223372036854775808,"neg":-1})");
  ObjectReader r = doc.Root();
  auto low = r.RequiredInt("zero", 1, 100);
  EXPECT_THAT(low, InvalidParam("parameter.out_of_range", "zero"));
  EXPECT_THAT(std::string(low.status().message()), HasSubstr("between 1 and 100"));
  EXPECT_THAT(r.RequiredInt("big", 1, 100), InvalidParam("parameter.out_of_range", "big"));
  EXPECT_THAT(r.OptionalInt("u64", kMin, kMax), InvalidParam("parameter.out_of_range", "u64"));
  EXPECT_THAT(r.OptionalInt("neg", 0, kMax), InvalidParam("parameter.out_of_range", "neg"));
}

TEST(ObjectReaderTest, IntegersMustBeJsonIntegers) {
  JsonDocument doc = Doc(R"({"f":1.0,"e":1e2,"s":"1","b":true,"n":null,"a":[1]})");
  ObjectReader r = doc.Root();
  auto real = r.RequiredInt("f", 0, 10);
  EXPECT_THAT(real, InvalidParam("parameter.invalid_type", "f"));
  EXPECT_THAT(std::string(real.status().message()), HasSubstr("must be an integer"));
  EXPECT_THAT(r.RequiredInt("e", 0, 1000), InvalidParam("parameter.invalid_type", "e"));
  EXPECT_THAT(r.RequiredInt("s", 0, 10), InvalidParam("parameter.invalid_type", "s"));
  EXPECT_THAT(r.OptionalInt("b", 0, 10), InvalidParam("parameter.invalid_type", "b"));
  EXPECT_THAT(r.OptionalInt("a", 0, 10), InvalidParam("parameter.invalid_type", "a"));
  EXPECT_THAT(r.OptionalInt("n", 0, 10), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(r.RequiredInt("n", 0, 10), InvalidParam("parameter.missing", "n"));
}

TEST(ObjectReaderTest, BooleansAreStrict) {
  JsonDocument doc = Doc(R"({"t":true,"f":false,"n":null,"s":"true","i":1})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.OptionalBool("t"), IsOkAndHolds(std::optional<bool>(true)));
  EXPECT_THAT(r.OptionalBool("f"), IsOkAndHolds(std::optional<bool>(false)));
  EXPECT_THAT(r.OptionalBool("n"), IsOkAndHolds(std::nullopt));
  EXPECT_THAT(r.OptionalBool("absent"), IsOkAndHolds(std::nullopt));
  auto wrong = r.OptionalBool("s");
  EXPECT_THAT(wrong, InvalidParam("parameter.invalid_type", "s"));
  EXPECT_THAT(std::string(wrong.status().message()), HasSubstr("must be a boolean"));
  EXPECT_THAT(r.OptionalBool("i"), InvalidParam("parameter.invalid_type", "i"));
}

TEST(ObjectReaderTest, HasIsTrueOnlyForPresentNonNullAndDoesNotMarkKnown) {
  JsonDocument doc = Doc(R"({"a":1,"n":null})");
  ObjectReader r = doc.Root();
  EXPECT_TRUE(r.Has("a"));
  EXPECT_FALSE(r.Has("n"));
  EXPECT_FALSE(r.Has("absent"));
  EXPECT_THAT(r.Finish(), InvalidParam("parameter.unknown", "a"));
}

// --- Nested objects and paths -----------------------------------------------------------------

TEST(ObjectReaderTest, NestedErrorsCarryTheFullPath) {
  JsonDocument doc = Doc(R"({"address":{"country":5,"geo":{"lat":"x"}}})");
  ObjectReader root = doc.Root();
  ASSERT_OK_AND_ASSIGN(ObjectReader address, root.RequiredObject("address"));
  EXPECT_EQ(address.path(), "address");
  EXPECT_THAT(address.RequiredString("country", 2),
              InvalidParam("parameter.invalid_type", "address.country"));
  EXPECT_THAT(address.RequiredString("city", 2), InvalidParam("parameter.missing", "address.city"));
  ASSERT_OK_AND_ASSIGN(auto geo, address.OptionalObject("geo"));
  ASSERT_TRUE(geo.has_value());
  EXPECT_EQ(geo->path(), "address.geo");
  auto lat = geo->RequiredInt("lat", -90, 90);
  EXPECT_THAT(lat, InvalidParam("parameter.invalid_type", "address.geo.lat"));
  EXPECT_THAT(std::string(lat.status().message()), HasSubstr("'address.geo.lat'"));
}

TEST(ObjectReaderTest, ObjectGetters) {
  JsonDocument doc = Doc(R"({"o":{},"n":null,"s":"x","a":[]})");
  ObjectReader r = doc.Root();
  ASSERT_OK_AND_ASSIGN(auto o, r.OptionalObject("o"));
  EXPECT_TRUE(o.has_value());
  ASSERT_OK_AND_ASSIGN(auto n, r.OptionalObject("n"));
  EXPECT_FALSE(n.has_value());
  EXPECT_THAT(r.RequiredObject("n"), InvalidParam("parameter.missing", "n"));
  EXPECT_THAT(r.RequiredObject("absent"), InvalidParam("parameter.missing", "absent"));
  auto s = r.OptionalObject("s");
  EXPECT_THAT(s, InvalidParam("parameter.invalid_type", "s"));
  EXPECT_THAT(std::string(s.status().message()), HasSubstr("must be an object"));
  EXPECT_THAT(r.RequiredObject("a"), InvalidParam("parameter.invalid_type", "a"));
}

TEST(ObjectReaderTest, ArraysOfObjectsIndexThePath) {
  JsonDocument doc = Doc(R"({"lines":[{"quantity":1},{"quantity":"2","price":{"amount":-1}}]})");
  ObjectReader root = doc.Root();
  ASSERT_OK_AND_ASSIGN(auto lines, root.OptionalObjectArray("lines", 10));
  ASSERT_TRUE(lines.has_value());
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].path(), "lines[0]");
  EXPECT_EQ((*lines)[1].path(), "lines[1]");
  EXPECT_THAT((*lines)[0].RequiredInt("quantity", 1, 10), IsOkAndHolds(1));
  EXPECT_THAT((*lines)[1].RequiredInt("quantity", 1, 10),
              InvalidParam("parameter.invalid_type", "lines[1].quantity"));
  ASSERT_OK_AND_ASSIGN(ObjectReader price, (*lines)[1].RequiredObject("price"));
  EXPECT_THAT(price.RequiredInt("amount", 0, 100),
              InvalidParam("parameter.out_of_range", "lines[1].price.amount"));
}

TEST(ObjectReaderTest, ObjectArrayErrors) {
  JsonDocument doc = Doc(R"({"three":[{},{},{}],"mixed":[{},1],"obj":{},"n":null,"empty":[]})");
  ObjectReader r = doc.Root();
  auto many = r.OptionalObjectArray("three", 2);
  EXPECT_THAT(many, InvalidParam("parameter.too_many_items", "three"));
  EXPECT_THAT(std::string(many.status().message()), HasSubstr("at most 2 items"));
  EXPECT_OK(r.OptionalObjectArray("three", 3));
  EXPECT_THAT(r.OptionalObjectArray("mixed", 5),
              InvalidParam("parameter.invalid_type", "mixed[1]"));
  EXPECT_THAT(r.OptionalObjectArray("obj", 5), InvalidParam("parameter.invalid_type", "obj"));
  ASSERT_OK_AND_ASSIGN(auto null_array, r.OptionalObjectArray("n", 5));
  EXPECT_FALSE(null_array.has_value());
  ASSERT_OK_AND_ASSIGN(auto empty, r.OptionalObjectArray("empty", 5));
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

// --- String arrays and maps -------------------------------------------------------------------

TEST(ObjectReaderTest, StringArrays) {
  JsonDocument doc = Doc(R"({"tags":["a","bb",""],"bad":["a",2],"long":["ok","toolong"],)"
                         R"("many":["a","b","c"],"s":"a","n":null})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.OptionalStringArray("tags", 3, 2),
              IsOkAndHolds(Optional(ElementsAre("a", "bb", ""))));
  EXPECT_THAT(r.OptionalStringArray("bad", 3, 2), InvalidParam("parameter.invalid_type", "bad[1]"));
  EXPECT_THAT(r.OptionalStringArray("long", 3, 2), InvalidParam("parameter.too_long", "long[1]"));
  EXPECT_THAT(r.OptionalStringArray("many", 2, 2),
              InvalidParam("parameter.too_many_items", "many"));
  auto scalar = r.OptionalStringArray("s", 2, 2);
  EXPECT_THAT(scalar, InvalidParam("parameter.invalid_type", "s"));
  EXPECT_THAT(std::string(scalar.status().message()), HasSubstr("array of strings"));
  EXPECT_THAT(r.OptionalStringArray("n", 2, 2), IsOkAndHolds(std::nullopt));
}

TEST(ObjectReaderTest, StringMapInDocumentOrder) {
  JsonDocument doc = Doc(R"({"metadata":{"order_id":"42","note":"é","empty":""}})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.OptionalStringMap("metadata", kMetadataMaxKeys, kMetadataMaxKeyLength,
                                  kMetadataMaxValueLength),
              IsOkAndHolds(Optional(
                  ElementsAre(Pair("order_id", "42"), Pair("note", "é"), Pair("empty", "")))));
  EXPECT_OK(r.Finish());  // a map's keys are data, not unknown parameters
}

TEST(ObjectReaderTest, StringMapErrors) {
  JsonDocument doc =
      Doc(R"({"many":{"a":"1","b":"2","c":"3"},"emptykey":{"":"x"},"longkey":{"abcd":"x"},)"
          R"("notstring":{"k":1},"longvalue":{"k":"abcd"},"dup":{"k":"1","k":"2"},"arr":[],)"
          R"("nested":{"inner":{"x":1}},"n":null})");
  ObjectReader r = doc.Root();
  EXPECT_THAT(r.OptionalStringMap("many", 2, 3, 3),
              InvalidParam("parameter.too_many_items", "many"));
  EXPECT_OK(r.OptionalStringMap("many", 3, 3, 3));
  EXPECT_THAT(r.OptionalStringMap("emptykey", 2, 3, 3),
              InvalidParam("parameter.empty", "emptykey"));
  auto long_key = r.OptionalStringMap("longkey", 2, 3, 3);
  EXPECT_THAT(long_key, InvalidParam("parameter.too_long", "longkey"));
  EXPECT_THAT(std::string(long_key.status().message()), ::testing::Not(HasSubstr("abcd")));
  EXPECT_THAT(r.OptionalStringMap("notstring", 2, 3, 3),
              InvalidParam("parameter.invalid_type", "notstring.k"));
  EXPECT_THAT(r.OptionalStringMap("longvalue", 2, 3, 3),
              InvalidParam("parameter.too_long", "longvalue.k"));
  EXPECT_THAT(r.OptionalStringMap("dup", 2, 3, 3), InvalidParam("parameter.duplicate", "dup.k"));
  EXPECT_THAT(r.OptionalStringMap("arr", 2, 3, 3), InvalidParam("parameter.invalid_type", "arr"));
  EXPECT_THAT(r.OptionalStringMap("nested", 2, 5, 3),
              InvalidParam("parameter.invalid_type", "nested.inner"));
  EXPECT_THAT(r.OptionalStringMap("n", 2, 3, 3), IsOkAndHolds(std::nullopt));
}

// --- Duplicates -------------------------------------------------------------------------------

TEST(ObjectReaderTest, DuplicateKeysAreRejected) {
  JsonDocument doc = Doc(R"({"amount":1,"amount":1000000,"x":{"c":"a","c":"b"}})");
  ObjectReader r = doc.Root();
  auto amount = r.RequiredInt("amount", 0, kMax);
  EXPECT_THAT(amount, InvalidParam("parameter.duplicate", "amount"));
  EXPECT_THAT(std::string(amount.status().message()), HasSubstr("more than once"));
  ASSERT_OK_AND_ASSIGN(ObjectReader x, r.RequiredObject("x"));
  EXPECT_THAT(x.OptionalString("c", 5), InvalidParam("parameter.duplicate", "x.c"));
}

TEST(ObjectReaderTest, DuplicatesOfUnreadKeysAreUnknown) {
  JsonDocument doc = Doc(R"({"a":1,"z":1,"z":2})");
  ObjectReader r = doc.Root();
  EXPECT_OK(r.RequiredInt("a", 0, 5));
  EXPECT_THAT(r.Finish(), InvalidParam("parameter.unknown", "z"));
}

// --- Finish: unknown parameters ---------------------------------------------------------------

TEST(ObjectReaderTest, FinishRejectsTheFirstUnknownKeyInDocumentOrder) {
  JsonDocument doc = Doc(R"({"name":"x","metdata":{},"zzz":1})");
  ObjectReader r = doc.Root();
  EXPECT_OK(r.RequiredString("name", 5));
  Status status = r.Finish();
  EXPECT_THAT(status, InvalidParam("parameter.unknown", "metdata"));
  EXPECT_EQ(status.message(), "unknown parameter 'metdata'");
}

TEST(ObjectReaderTest, FailedGettersStillMarkTheirKeyKnown) {
  JsonDocument doc = Doc(R"({"a":"not a number"})");
  ObjectReader r = doc.Root();
  EXPECT_FALSE(r.OptionalInt("a", 0, 1).ok());
  EXPECT_OK(r.Finish());
}

TEST(ObjectReaderTest, FinishChecksNestedObjectsHandedOut) {
  JsonDocument doc = Doc(R"({"name":"n","address":{"country":"DE","zip":"1"}})");
  ObjectReader root = doc.Root();
  EXPECT_OK(root.RequiredString("name", 5));
  ASSERT_OK_AND_ASSIGN(ObjectReader address, root.RequiredObject("address"));
  EXPECT_OK(address.RequiredString("country", 2));
  Status status = root.Finish();  // the root's own keys are all known
  EXPECT_THAT(status, InvalidParam("parameter.unknown", "address.zip"));
  EXPECT_EQ(status.message(), "unknown parameter 'address.zip'");
  EXPECT_THAT(address.Finish(), InvalidParam("parameter.unknown", "address.zip"));
  EXPECT_OK(address.OptionalString("zip", 5));
  EXPECT_OK(root.Finish());
}

TEST(ObjectReaderTest, FinishChecksObjectsInArrays) {
  JsonDocument doc = Doc(R"({"lines":[{"q":1},{"q":2,"extra":true}],"after":1})");
  ObjectReader root = doc.Root();
  ASSERT_OK_AND_ASSIGN(auto lines, root.OptionalObjectArray("lines", 5));
  ASSERT_TRUE(lines.has_value());
  for (ObjectReader& line : *lines) EXPECT_OK(line.RequiredInt("q", 0, 5));
  // "lines[1].extra" comes before the unknown root key "after" in document order.
  EXPECT_THAT(root.Finish(), InvalidParam("parameter.unknown", "lines[1].extra"));
}

TEST(ObjectReaderTest, AnObjectAcceptedButNotReadHasOnlyUnknownKeys) {
  JsonDocument doc = Doc(R"({"address":{"city":"x"}})");
  ObjectReader root = doc.Root();
  ASSERT_OK(root.OptionalObject("address"));
  EXPECT_THAT(root.Finish(), InvalidParam("parameter.unknown", "address.city"));
}

TEST(ObjectReaderTest, CopiesAndRepeatedGettersShareTheReadRecord) {
  JsonDocument doc = Doc(R"({"a":{"x":1,"y":2}})");
  ObjectReader root = doc.Root();
  ObjectReader copy = root;
  ASSERT_OK_AND_ASSIGN(ObjectReader a1, copy.RequiredObject("a"));
  ASSERT_OK_AND_ASSIGN(ObjectReader a2, root.RequiredObject("a"));
  EXPECT_OK(a1.RequiredInt("x", 0, 5));
  EXPECT_OK(a2.RequiredInt("y", 0, 5));
  EXPECT_OK(doc.Root().Finish());
}

// --- Lifetime ---------------------------------------------------------------------------------

TEST(ObjectReaderTest, ReadersOutliveTheDocument) {
  std::optional<ObjectReader> inner;
  {
    JsonDocument doc = Doc(R"({"customer":{"name":"Ada","tags":["x"]}})");
    ObjectReader root = doc.Root();
    ASSERT_OK_AND_ASSIGN(ObjectReader customer, root.RequiredObject("customer"));
    inner = customer;
  }  // the document and the root reader are gone
  EXPECT_THAT(inner->RequiredString("name", 10), IsOkAndHolds("Ada"));
  EXPECT_THAT(inner->OptionalStringArray("tags", 5, 5), IsOkAndHolds(Optional(ElementsAre("x"))));
  EXPECT_OK(inner->Finish());
}

TEST(JsonDocumentTest, IsMovable) {
  JsonDocument doc = Doc(R"({"a":1})");
  JsonDocument moved = std::move(doc);
  ObjectReader r = moved.Root();
  EXPECT_THAT(r.RequiredInt("a", 0, 5), IsOkAndHolds(1));
}

}  // namespace
}  // namespace accrue::api
