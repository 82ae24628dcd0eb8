#include "accrue/api/ingest/event_parser.h"

#include <gtest/gtest.h>

#include "accrue/time/instant.h"
#include "testing/status_matchers.h"

namespace accrue::api {
namespace {

using testing::HasParam;
using testing::HasReason;

std::vector<IngestItem> Body(std::string_view body, std::string_view type = "application/json") {
  EventParser parser;
  Result<std::vector<IngestItem>> items = parser.ParseBody(body, type);
  EXPECT_TRUE(items.ok()) << items.status();
  return items.ok() ? *items : std::vector<IngestItem>{};
}

Status BodyError(std::string_view body, std::string_view type = "application/json") {
  EventParser parser;
  return parser.ParseBody(body, type).status();
}

IngestItem Line(std::string line) {
  EventParser parser;
  const size_t n = line.size();
  line.append(kEventParserPadding, '\0');
  return parser.ParseLine(std::string_view(line.data(), n), line.size());
}

constexpr char kEvent[] =
    R"({"id":"e1","customer":"c1","meter":"calls","timestamp":"2026-01-05T10:00:00+01:00",)"
    R"("properties":{"n":12.50,"big":123456789012345678901234.5,"s":"x","ok":true,"z":null}})";

TEST(EventParserTest, OurEventWithExactNumbers) {
  std::vector<IngestItem> items = Body(std::string("[") + kEvent + "]");
  ASSERT_EQ(items.size(), 1u);
  const IngestItem& it = items[0];
  ASSERT_TRUE(it.parse_error.ok()) << it.parse_error;
  EXPECT_EQ(it.event.id, "e1");
  EXPECT_EQ(it.event.customer, "c1");
  EXPECT_EQ(it.event.meter, "calls");
  EXPECT_EQ(FormatInstant(it.event.timestamp), "2026-01-05T09:00:00Z");
  ASSERT_EQ(it.event.properties.size(), 4u);  // null is absent
  EXPECT_EQ(it.event.Find("n")->text, "12.5");
  EXPECT_EQ(it.event.Find("n")->kind, PropertyKind::kNumber);
  EXPECT_EQ(it.event.Find("big")->text, "123456789012345678901234.5");
  EXPECT_EQ(it.event.Find("s")->kind, PropertyKind::kString);
  EXPECT_EQ(it.event.Find("ok")->text, "true");
  EXPECT_EQ(it.event.Find("z"), nullptr);
}

TEST(EventParserTest, EnvelopeAndSingleEvent) {
  EXPECT_EQ(Body(std::string(R"({"events":[)") + kEvent + "," + kEvent + "]}").size(), 2u);
  EXPECT_EQ(Body(kEvent).size(), 1u);
  EXPECT_EQ(Body("[]").size(), 0u);
  EXPECT_THAT(BodyError(R"({"events":[],"x":1})"), HasReason("parameter.unknown"));
  EXPECT_THAT(BodyError(R"({"events":{}})"), HasParam("events"));
}

TEST(EventParserTest, CloudEvents) {
  const std::string ce =
      R"({"specversion":"1.0","id":"c1","source":"/s","type":"calls","subject":"cust",)"
      R"("time":"2026-01-05T10:00:00Z","data":{"n":3},"myext":{"any":"thing"}})";
  for (const auto& [body, type] : std::vector<std::pair<std::string, std::string>>{
           {ce, "application/cloudevents+json; charset=utf-8"},
           {"[" + ce + "]", "application/cloudevents-batch+json"},
           {"[" + ce + "]", "application/json"}}) {
    std::vector<IngestItem> items = Body(body, type);
    ASSERT_EQ(items.size(), 1u);
    ASSERT_TRUE(items[0].parse_error.ok()) << items[0].parse_error;
    EXPECT_EQ(items[0].event.meter, "calls");
    EXPECT_EQ(items[0].event.customer, "cust");
    EXPECT_EQ(items[0].event.Find("n")->text, "3");
  }
  EXPECT_THAT(BodyError("[" + ce + "]", "application/cloudevents+json"),
              HasReason("request.malformed_json"));
  std::vector<IngestItem> bad = Body(
      R"([{"specversion":"1.0","id":"x","type":"t","subject":"c","time":"2026-01-05T10:00:00Z"},)"
      R"({"specversion":"1.0","id":"x","source":"s","type":"t","subject":"c","time":"2026-01-05T10:00:00Z","datacontenttype":"text/plain"}])");
  EXPECT_THAT(bad[0].parse_error, HasReason("event.missing_source"));
  EXPECT_THAT(bad[1].parse_error, HasReason("event.unsupported_content_type"));
}

TEST(EventParserTest, PerEventErrorsLeaveTheOthersAlone) {
  std::vector<IngestItem> items = Body(
      R"([{"id":5,"customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z"},)"
      R"({"id":"a","customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z","extra":1},)"
      R"({"id":"b","id":"b","customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z"},)"
      R"({"id":"c","customer":"c","meter":"m","timestamp":"2026-13-05T10:00:00Z"},)"
      R"({"id":"d","customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z","properties":{"o":{"x":1}}},)"
      R"({"id":"e","customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z","properties":[1]},)"
      R"("not an object",)"
      R"({"id":"f","customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z","properties":{"a":1,"a":2}},)"
      R"({"id":"ok","customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z"}])");
  ASSERT_EQ(items.size(), 9u);
  EXPECT_THAT(items[0].parse_error, HasReason("event.invalid_field"));
  EXPECT_THAT(items[0].parse_error, HasParam("id"));
  EXPECT_THAT(items[1].parse_error, HasReason("event.unknown_field"));
  EXPECT_THAT(items[1].parse_error, HasParam("extra"));
  EXPECT_THAT(items[2].parse_error, HasReason("event.duplicate_field"));
  EXPECT_THAT(items[3].parse_error, HasReason("event.invalid_timestamp"));
  EXPECT_THAT(items[4].parse_error, HasReason("event.invalid_property"));
  EXPECT_THAT(items[4].parse_error, HasParam("properties.o"));
  EXPECT_THAT(items[5].parse_error, HasReason("event.invalid_field"));
  EXPECT_THAT(items[6].parse_error, HasReason("event.malformed"));
  EXPECT_THAT(items[7].parse_error, HasReason("event.duplicate_field"));
  EXPECT_TRUE(items[8].parse_error.ok());
  EXPECT_EQ(items[1].event.id, "a");  // the id is kept for the response
}

TEST(EventParserTest, RequestLevelErrors) {
  EXPECT_THAT(BodyError(std::string("[") + kEvent + ", {\"id\": ]"),
              HasReason("request.malformed_json"));
  EXPECT_THAT(BodyError(std::string("[") + kEvent + "] x"), HasReason("request.malformed_json"));
  EXPECT_THAT(BodyError("\"string\""), HasReason("request.malformed_json"));
  EXPECT_THAT(BodyError("[\"\xff\"]"), HasReason("request.invalid_utf8"));
  EXPECT_THAT(BodyError(std::string(kIngestBatchBytesMax + 1, ' ')),
              HasReason("request.too_large"));
  std::string many = "[";
  for (size_t i = 0; i <= kIngestBatchEventsMax; ++i) many += (i ? ",{}" : "{}");
  many += "]";
  EXPECT_THAT(BodyError(many), HasReason("request.too_many_events"));
}

TEST(EventParserTest, NdjsonLines) {
  IngestItem ok = Line(kEvent);
  EXPECT_TRUE(ok.parse_error.ok()) << ok.parse_error;
  EXPECT_THAT(Line("{\"id\":\"x\"").parse_error, HasReason("event.malformed"));
  EXPECT_THAT(Line(std::string(kEvent) + " {}").parse_error, HasReason("event.malformed"));
  EXPECT_THAT(Line("[1,2]").parse_error, HasReason("event.malformed"));
  EXPECT_THAT(Line("{\"id\":\"\xc3\x28\"}").parse_error, HasReason("event.malformed"));
  // An invalid number token inside properties is the event's problem only.
  IngestItem bad = Line(
      R"({"id":"n","customer":"c","meter":"m","timestamp":"2026-01-05T10:00:00Z","properties":{"x":12abc}})");
  EXPECT_FALSE(bad.parse_error.ok());
}

TEST(EventParserTest, CsvRows) {
  CsvEventReader csv;
  EXPECT_THAT(csv.SetHeader("id,customer,meter"), HasReason("import.bad_csv_header"));
  EXPECT_THAT(csv.SetHeader("id,id,customer,meter,timestamp"), HasReason("import.bad_csv_header"));
  ASSERT_TRUE(csv.SetHeader("meter,id,timestamp,customer,region,n\r").ok());
  IngestItem row = csv.ParseRow("calls,e1,2026-01-05T10:00:00Z,c1,\"eu, west\",12.50\r");
  ASSERT_TRUE(row.parse_error.ok()) << row.parse_error;
  EXPECT_EQ(row.event.id, "e1");
  EXPECT_EQ(row.event.meter, "calls");
  EXPECT_EQ(row.event.Find("region")->text, "eu, west");
  EXPECT_EQ(row.event.Find("n")->text, "12.5");
  EXPECT_EQ(row.event.Find("n")->kind, PropertyKind::kNumber);
  IngestItem empty = csv.ParseRow("calls,e2,2026-01-05T10:00:00Z,c1,,");
  EXPECT_TRUE(empty.event.properties.empty());
  EXPECT_THAT(csv.ParseRow("calls,e3").parse_error, HasReason("event.malformed"));
  EXPECT_THAT(csv.ParseRow("calls,\"e4,2026-01-05T10:00:00Z,c1,,").parse_error,
              HasReason("event.malformed"));
  EXPECT_THAT(csv.ParseRow("calls,e5,yesterday,c1,,").parse_error,
              HasReason("event.invalid_timestamp"));
  std::vector<std::string> cells;
  EXPECT_TRUE(SplitCsvLine("\"a \"\"b\"\"\",,c", cells));
  EXPECT_EQ(cells, (std::vector<std::string>{"a \"b\"", "", "c"}));
  EXPECT_FALSE(SplitCsvLine("a\"b", cells));
}

}  // namespace
}  // namespace accrue::api
