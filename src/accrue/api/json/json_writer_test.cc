#include "accrue/api/json/json_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "accrue/api/json/json_reader.h"
#include "testing/status_matchers.h"

namespace accrue::api {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

// What a strict parser reads back from {"s": <text written by AppendJsonString>}.
Result<std::optional<std::string>> RoundTrip(std::string_view text) {
  JsonWriter json;
  json.BeginObject();
  json.Field("s", text);
  json.EndObject();
  ASSIGN_OR_RETURN(JsonDocument doc, JsonDocument::Parse(json.Take()));
  ObjectReader root = doc.Root();
  return root.OptionalString("s", std::numeric_limits<size_t>::max());
}

TEST(JsonWriterTest, WritesCompactNestedDocumentWithCommas) {
  JsonWriter json;
  json.BeginObject();
  json.Field("id", "in_1");
  json.Key("lines");
  json.BeginArray();
  json.Int(1);
  json.String("x");
  json.Bool(true);
  json.Null();
  json.BeginObject();
  json.EndObject();
  json.BeginArray();
  json.EndArray();
  json.EndArray();
  json.Key("customer");
  json.BeginObject();
  json.Field("active", false);
  json.EndObject();
  json.EndObject();
  EXPECT_EQ(json.Take(),
            R"({"id":"in_1","lines":[1,"x",true,null,{},[]],"customer":{"active":false}})");
}

TEST(JsonWriterTest, FieldHelpers) {
  JsonWriter json;
  json.BeginObject();
  json.Field("s", std::string("text"));
  json.Field("n", 5);
  json.Field("min", std::numeric_limits<int64_t>::min());
  json.Field("max", std::numeric_limits<int64_t>::max());
  json.Field("b", true);
  json.Field("count", size_t{7});
  json.Field("small", int16_t{-3});
  json.FieldNull("z");
  json.OptionalField("some", std::optional<std::string>("v"));
  json.OptionalField("none", std::nullopt);
  json.Key("raw");
  json.Raw(R"({"pre":[1,2]})");
  json.EndObject();
  EXPECT_EQ(
      json.Take(),
      R"({"s":"text","n":5,"min":-9223372036854775808,"max":9223372036854775807,)"
      R"("b":true,"count":7,"small":-3,"z":null,"some":"v","none":null,"raw":{"pre":[1,2]}})");
}

TEST(JsonWriterTest, TopLevelScalarsAndReuseAfterTake) {
  JsonWriter json;
  json.String("a");
  EXPECT_EQ(json.Take(), R"("a")");
  json.BeginArray();
  json.Int(-1);
  json.Int(0);
  json.EndArray();
  EXPECT_EQ(json.Take(), "[-1,0]");
}

TEST(JsonWriterTest, EscapesQuotesAndBackslashes) {
  EXPECT_EQ(Quoted(R"(say "hi" \ bye)"), R"("say \"hi\" \\ bye")");
  EXPECT_EQ(Quoted(""), R"("")");
  EXPECT_EQ(Quoted("/path</script>"), R"("/path</script>")");  // '/' needs no escape
}

TEST(JsonWriterTest, EscapesEveryControlCharacterAsUnicodeEscape) {
  EXPECT_EQ(Quoted(std::string_view("\x00", 1)), R"("\u0000")");
  EXPECT_EQ(Quoted("a\nb\tc\rd"), R"("a\u000ab\u0009c\u000dd")");
  EXPECT_EQ(Quoted("\x01\x1f\x08\x0c"), R"("\u0001\u001f\u0008\u000c")");
  EXPECT_EQ(Quoted("\x7f"), "\"\x7f\"");  // DEL is not a JSON control character
  for (int c = 0; c < 0x20; ++c) {
    std::string in(1, static_cast<char>(c));
    ASSERT_OK_AND_ASSIGN(auto back, RoundTrip(in));
    EXPECT_EQ(back, in) << "control character " << c;
  }
}

TEST(JsonWriterTest, KeepsValidUtf8AsIs) {
  const std::string text = "Café € 日本 \xF0\x9F\x98\x80 \xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";  // 😀 🇩🇪
  EXPECT_EQ(Quoted(text), "\"" + text + "\"");
  ASSERT_OK_AND_ASSIGN(auto back, RoundTrip(text));
  EXPECT_EQ(back, text);
  // Boundaries of each sequence length.
  const std::string edges =
      "\xC2\x80 \xDF\xBF \xE0\xA0\x80 \xEF\xBF\xBF \xF0\x90\x80\x80 \xF4\x8F\xBF\xBF";
  EXPECT_EQ(Quoted(edges), "\"" + edges + "\"");
}

TEST(JsonWriterTest, EscapesLineAndParagraphSeparators) {
  EXPECT_EQ(Quoted("a\xE2\x80\xA8"
                   "b\xE2\x80\xA9"),
            R"("a\u2028b\u2029")");
}

TEST(JsonWriterTest, ReplacesInvalidUtf8WithReplacementCharacter) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(Quoted("\xFF"), "\"" + r + "\"");
  EXPECT_EQ(Quoted("a\x80z"), "\"a" + r + "z\"");  // stray continuation byte
  EXPECT_EQ(Quoted("a\xC3"), "\"a" + r + "\"");    // truncated at the end
  EXPECT_EQ(Quoted("\xE2\x82"
                   "A"),
            "\"" + r + "A\"");                                         // truncated: one U+FFFD
  EXPECT_EQ(Quoted("\xC0\xAF"), "\"" + r + r + "\"");                  // overlong '/'
  EXPECT_EQ(Quoted("\xE0\x80\xAF"), "\"" + r + r + r + "\"");          // overlong 3-byte
  EXPECT_EQ(Quoted("\xED\xA0\x80"), "\"" + r + r + r + "\"");          // UTF-16 surrogate
  EXPECT_EQ(Quoted("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // above U+10FFFF
  EXPECT_EQ(Quoted("\xF5\x80"), "\"" + r + r + "\"");
  EXPECT_EQ(Quoted("\xF0\x9F\x98"
                   "\""),
            "\"" + r + "\\\"\"");  // truncated emoji, then a quote
}

// Whatever bytes a string holds, the document parses and keeps every valid character.
TEST(JsonWriterTest, OutputIsAlwaysValidJsonForRandomBytes) {
  std::mt19937 random(20240501);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> length(0, 40);
  for (int i = 0; i < 2000; ++i) {
    std::string text(length(random), '\0');
    for (char& c : text) c = static_cast<char>(byte(random));
    ASSERT_OK(RoundTrip(text)) << "input #" << i;
  }
}

TEST(JsonWriterTest, KeysAreEscapedToo) {
  JsonWriter json;
  json.BeginObject();
  json.Field("a\"b\n", 1);
  json.EndObject();
  EXPECT_EQ(json.Take(), R"({"a\"b\u000a":1})");
}

// Field(key, x) compiles only for strings, real bools and integers.
template <typename T>
concept Writable = requires(JsonWriter& json, T value) {
  json.Field("k", value);
};
static_assert(Writable<bool> && Writable<int> && Writable<uint64_t> && Writable<std::string>);
static_assert(Writable<const char*> && Writable<std::string_view>);
static_assert(!Writable<double> && !Writable<float>);
static_assert(!Writable<const int*> && !Writable<std::optional<std::string>>);

TEST(JsonWriterDeathTest, UnsignedAboveInt64IsABug) {
  EXPECT_DEATH(
      {
        JsonWriter json;
        json.BeginObject();
        json.Field("n", std::numeric_limits<uint64_t>::max());
      },
      "does not fit in int64");
}

TEST(JsonWriterDeathTest, EndWithoutBeginIsABugInEveryBuild) {
  EXPECT_DEATH(
      {
        JsonWriter json;
        json.EndObject();
      },
      "End without a matching Begin");
}

#ifndef NDEBUG
TEST(JsonWriterDeathTest, MisuseIsCaughtInDebugBuilds) {
  EXPECT_DEATH(
      {
        JsonWriter json;
        json.BeginObject();
        json.Int(1);
      },
      "needs a Key");
  EXPECT_DEATH(
      {
        JsonWriter json;
        json.BeginArray();
        json.EndObject();
      },
      "mismatched End");
  EXPECT_DEATH(
      {
        JsonWriter json;
        json.BeginObject();
        (void)json.Take();
      },
      "open containers");
  EXPECT_DEATH(
      {
        JsonWriter json;
        json.Key("k");
      },
      "outside an object");
}
#endif

}  // namespace
}  // namespace accrue::api
