// Loader inputs shaped like the ones issue 11 found (items 1, 2, 9, 10, 11, 15): each loads
// what it can and says what it could not, instead of crashing, exhausting memory, or
// silently joining and dropping.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "load.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;

namespace {

long peak_rss_kib() {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

bool any_contains(const std::vector<std::string>& messages, const std::string& text) {
  for (const std::string& m : messages)
    if (m.find(text) != std::string::npos) return true;
  return false;
}

std::string joined(const geo::LoadResult& r) {
  std::string out = r.error.empty() ? "" : "error: " + r.error + "\n";
  for (const std::string& w : r.warnings) out += w + "\n";
  return out;
}

class ReliabilityLoad : public patrolscope::testing::TempDirTest {
 protected:
  std::string write(const std::string& name, const std::string& text) const { return TempDirTest::write(name, text).string(); }
};

constexpr const char* kKmlHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n<Document>\n";

}  // namespace

// First: the memory measured is this process's peak so far.
TEST_F(ReliabilityLoad, DensificationIsBoundedBeforeTheVerticesAreMade) {
  // 130,000 legs alternating 0° and 179° of longitude: ~400 pieces each after densification,
  // 52 million vertices in all (the limit is 50 million).
  std::string text = R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"id": "zigzag",
    "kind": "air_patrol", "start": "2024-07-01", "end": "2024-07-02"}, "geometry": {"type": "LineString", "coordinates": [)";
  for (int i = 0; i < 130000; ++i) text += i % 2 ? "[179,0]," : "[0,0],";
  text.back() = ']';
  text += "}}]}";
  const std::string path = write("zigzag.geojson", text);
  const long before = peak_rss_kib();
  const geo::LoadResult r = geo::load_events(path);
  EXPECT_NE(r.error.find("too large"), std::string::npos) << joined(r);
  EXPECT_LT(peak_rss_kib() - before, 600 * 1024) << "KiB: the vertices were made before the limit was checked";
}

TEST_F(ReliabilityLoad, AGxTrackWhoseCountsDifferKeepsItsTimedPositionsNotACrash) {
  const std::string path = write("gx.kml", std::string(kKmlHead) + R"(
  <Placemark><name>Counts differ</name><gx:Track>
    <when>2024-07-24T00:00:00Z</when><when>2024-07-24T01:00:00Z</when>
    <gx:coord>170 52 0</gx:coord><gx:coord>171 52 0</gx:coord><gx:coord>172 52 0</gx:coord>
    <gx:coord>173 52 0</gx:coord><gx:coord>174 52 0</gx:coord><gx:coord>175 52 0</gx:coord>
  </gx:Track></Placemark>
  <Placemark><name>Good</name><gx:Track>
    <when>2024-07-25T00:00:00Z</when><when>2024-07-25T01:00:00Z</when>
    <gx:coord>150 40 0</gx:coord><gx:coord>151 41 0</gx:coord>
  </gx:Track></Placemark>
</Document></kml>
)");
  const geo::LoadResult r = geo::load_events(path);
  EXPECT_TRUE(any_contains(r.warnings, "line 5: placemark 'Counts differ': gx:Track with 2 <when> and 6 <gx:coord>"))
      << joined(r);
  // The cut track keeps its first two positions with their times (never an event with no
  // geometry); the good track keeps its times.
  const geo::Event* good = nullptr;
  const geo::Event* cut = nullptr;
  for (const geo::Event& e : r.events) {
    if (e.name == "Good") good = &e;
    if (e.name == "Counts differ") cut = &e;
  }
  ASSERT_NE(cut, nullptr) << joined(r);
  ASSERT_FALSE(cut->geometry.lines.empty()) << joined(r);
  EXPECT_NEAR(cut->geometry.lines[0].coords.front().lon, 170.0, 1e-9);
  EXPECT_NEAR(cut->geometry.lines[0].coords.back().lon, 171.0, 1e-9);
  EXPECT_EQ(cut->start, geo::make_time(2024, 7, 24));
  EXPECT_EQ(cut->end, geo::make_time(2024, 7, 24, 1));
  ASSERT_NE(good, nullptr) << joined(r);
  EXPECT_EQ(good->start, geo::make_time(2024, 7, 25));
  EXPECT_GE(good->geometry.vertex_count(), 2u);
}

TEST_F(ReliabilityLoad, AKmlMentioningGpxIsReadAsKml) {
  const std::string path = write("mentions.kml", std::string(kKmlHead) + R"(
  <Placemark><name>Patrol</name>
    <description><![CDATA[Converted from <gpx version="1.1"> by a tool]]></description>
    <TimeSpan><begin>2024-07-15T00:00:00Z</begin><end>2024-07-20T00:00:00Z</end></TimeSpan>
    <LineString><coordinates>130,40,0 135,43,0</coordinates></LineString>
  </Placemark>
</Document></kml>
)");
  const geo::LoadResult r = geo::load_events(path);
  EXPECT_NE(r.driver, "GPX");
  ASSERT_EQ(r.events.size(), 1u) << joined(r);
  EXPECT_EQ(r.events[0].end, geo::make_time(2024, 7, 20));
}

TEST_F(ReliabilityLoad, AGpxWithALongLeadingCommentOrInUtf16IsReadAsGpx) {
  const std::string body =
      "<gpx version=\"1.1\" creator=\"t\" xmlns=\"http://www.topografix.com/GPX/1/1\"><trk><name>T</name><trkseg>"
      "<trkpt lat=\"52\" lon=\"170\"><time>2024-07-24T00:00:00Z</time></trkpt>"
      "<trkpt lat=\"52\" lon=\"171\"><time>2024-07-24T01:00:00Z</time></trkpt></trkseg></trk></gpx>\n";
  const std::string commented =
      write("commented.gpx", "<?xml version=\"1.0\"?>\n<!--" + std::string(70 * 1024, 'c') + "-->\n" + body);
  geo::LoadResult r = geo::load_events(commented);
  EXPECT_EQ(r.driver, "GPX") << joined(r);
  EXPECT_EQ(r.events.size(), 1u) << joined(r);

  std::string utf16 = "\xFF\xFE";  // little-endian, with its byte-order mark
  for (char c : "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" + body) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  r = geo::load_events(write("utf16.gpx", utf16));
  EXPECT_EQ(r.driver, "GPX") << joined(r);
  EXPECT_EQ(r.events.size(), 1u) << joined(r);
}

TEST_F(ReliabilityLoad, GpxPointsDirectlyUnderTrkAreReadAndSaidSo) {
  const geo::LoadResult r = geo::load_events(write("loose.gpx", R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Loose</name>
  <trkpt lat="52" lon="170"><time>2024-07-24T00:00:00Z</time></trkpt>
  <trkpt lat="52" lon="171"><time>2024-07-24T01:00:00Z</time></trkpt>
</trk></gpx>
)"));
  ASSERT_EQ(r.events.size(), 1u) << joined(r);
  ASSERT_EQ(r.events[0].geometry.lines.size(), 1u);
  EXPECT_EQ(r.events[0].geometry.lines[0].times.front(), geo::make_time(2024, 7, 24));
  EXPECT_TRUE(any_contains(r.warnings, "2 point(s) directly under <trk>")) << joined(r);
}

TEST_F(ReliabilityLoad, IdColumnOptionsAreSaidToBeIgnoredForGpx) {
  geo::LoadOptions options;
  options.id_column = "callsign";
  const geo::LoadResult r = geo::load_events(write("plain.gpx", R"(<?xml version="1.0"?>
<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>T</name><trkseg>
  <trkpt lat="52" lon="170"><time>2024-07-24T00:00:00Z</time></trkpt></trkseg></trk></gpx>
)"), options);
  EXPECT_TRUE(any_contains(r.warnings, "ignored for GPX")) << joined(r);
}

TEST_F(ReliabilityLoad, SeparateDateAndTimeColumnsAreJoined) {
  const geo::LoadResult r = geo::load_events(write("split.csv",
                                                   "id,date,time,lon,lat\n"
                                                   "a,2024-07-05,12:00:00,130.0,40.0\n"
                                                   "a,2024-07-05,18:30:00,131.0,41.0\n"));
  ASSERT_EQ(r.events.size(), 1u) << joined(r);
  EXPECT_TRUE(r.warnings.empty()) << joined(r);
  EXPECT_EQ(r.events[0].start, geo::make_time(2024, 7, 5, 12));
  EXPECT_EQ(r.events[0].end, geo::make_time(2024, 7, 5, 18, 30));
}

TEST_F(ReliabilityLoad, RowsWithAnEmptyIdAreNotJoinedIntoOneTrack) {
  const geo::LoadResult r = geo::load_events(write("ids.csv",
                                                   "track_id,time,lon,lat\n"
                                                   "a,2024-07-05T00:00:00Z,130.0,40.0\n"
                                                   ",2024-07-05T01:00:00Z,10.0,10.0\n"
                                                   "a,2024-07-05T02:00:00Z,131.0,41.0\n"
                                                   ",2024-07-05T03:00:00Z,-60.0,-10.0\n"));
  ASSERT_EQ(r.events.size(), 1u) << joined(r);
  EXPECT_EQ(r.events[0].id, "a");
  EXPECT_EQ(r.skipped, 2);
  EXPECT_TRUE(any_contains(r.warnings, "row 2: field 'track_id': empty")) << joined(r);
}

TEST_F(ReliabilityLoad, AnUnbalancedQuoteIsSaid) {
  const geo::LoadResult r = geo::load_events(write("quote.csv",
                                                   "track_id,time,lon,lat,name\n"
                                                   "a,2024-07-05T00:00:00Z,130.0,40.0,\"Admiral\n"
                                                   "b,2024-07-05T01:00:00Z,10.0,10.0,Plain\n"));
  EXPECT_TRUE(any_contains(r.warnings, "spans several lines")) << joined(r);
}

TEST_F(ReliabilityLoad, TruncatedOrJunkTailedKmlIsReportedAsInvalidKml) {
  const std::string whole = std::string(kKmlHead) +
                            "<Placemark><name>P</name><Point><coordinates>130,40,0</coordinates></Point></Placemark>\n"
                            "</Document></kml>\n";
  for (const std::string& text : {whole.substr(0, whole.size() - 30), whole + "junk<<>>\n"}) {
    const geo::LoadResult r = geo::load_events(write("broken.kml", text));
    EXPECT_EQ(r.error.rfind("not valid KML: line ", 0), 0u) << r.error;
    EXPECT_EQ(r.error.find("ERROR parsing"), std::string::npos) << r.error;
  }
}

TEST_F(ReliabilityLoad, AGxTrackWithTooFewTimedPositionsLeavesItsPlacemarkOutWithAWarning) {
  const std::string path = write("gx-one.kml", std::string(kKmlHead) + R"(
  <Placemark><name>One time</name><gx:Track>
    <when>2024-07-24T00:00:00Z</when><gx:coord>170 52 0</gx:coord><gx:coord>171 52 0</gx:coord>
  </gx:Track></Placemark>
  <Placemark><name>Good</name><TimeStamp><when>2024-07-25</when></TimeStamp><Point><coordinates>150,40,0</coordinates></Point></Placemark>
</Document></kml>
)");
  const geo::LoadResult r = geo::load_events(path);
  EXPECT_TRUE(any_contains(r.warnings, "placemark 'One time': gx:Track with 1 <when> and 2 <gx:coord>")) << joined(r);
  EXPECT_TRUE(any_contains(r.warnings, "placemark 'One time': no geometry left: left out")) << joined(r);
  ASSERT_EQ(r.events.size(), 1u) << joined(r);
  EXPECT_EQ(r.events[0].name, "Good");
  EXPECT_EQ(r.skipped, 1);
  for (const geo::Event& e : r.events) EXPECT_FALSE(e.geometry.empty()) << e.name;
}

TEST_F(ReliabilityLoad, KmlTimesThatDoNotParseOrEndBeforeTheBeginAreSaidAndTheirPlacemarkLeftOut) {
  const std::string path = write("times.kml", std::string(kKmlHead) + R"(
<Placemark><name>GoodSpan</name><TimeSpan><begin>2024-07-15T00:00:00Z</begin><end>2024-07-20T00:00:00Z</end></TimeSpan><Point><coordinates>130,40,0</coordinates></Point></Placemark>
<Placemark><name>BadWhen</name><TimeStamp><when>yesterday</when></TimeStamp><Point><coordinates>130,40,0</coordinates></Point></Placemark>
<Placemark><name>BadBegin</name><TimeSpan><begin>garbage</begin><end>2024-07-20T00:00:00Z</end></TimeSpan><Point><coordinates>130,40,0</coordinates></Point></Placemark>
<Placemark><name>BadEnd</name><TimeSpan><begin>2024-07-15T00:00:00Z</begin><end>2024-13-45</end></TimeSpan><Point><coordinates>130,40,0</coordinates></Point></Placemark>
<Placemark><name>EndBefore</name><TimeSpan><begin>2024-07-15T00:00:00Z</begin><end>2024-07-10T00:00:00Z</end></TimeSpan><Point><coordinates>130,40,0</coordinates></Point></Placemark>
<Placemark><name>TrackBadWhen</name><gx:Track><when>2024-07-25T00:00:00Z</when><when>nope</when><gx:coord>150 40 0</gx:coord><gx:coord>151 41 0</gx:coord></gx:Track></Placemark>
</Document></kml>
)");
  const geo::LoadResult r = geo::load_events(path);
  EXPECT_TRUE(any_contains(r.warnings, "line 6: placemark 'BadWhen': field 'when': invalid time 'yesterday'")) << joined(r);
  EXPECT_TRUE(any_contains(r.warnings, "line 7: placemark 'BadBegin': field 'begin': invalid time 'garbage'")) << joined(r);
  EXPECT_TRUE(any_contains(r.warnings, "line 8: placemark 'BadEnd': field 'end': invalid time '2024-13-45'")) << joined(r);
  EXPECT_TRUE(any_contains(r.warnings, "line 9: placemark 'EndBefore': field 'end': end 2024-07-10T00:00:00Z is before begin"))
      << joined(r);
  EXPECT_TRUE(any_contains(r.warnings, "line 10: placemark 'TrackBadWhen': field 'when': invalid time 'nope'")) << joined(r);
  ASSERT_EQ(r.events.size(), 1u) << joined(r);
  EXPECT_EQ(r.events[0].name, "GoodSpan");
  EXPECT_EQ(r.events[0].end, geo::make_time(2024, 7, 20));
  EXPECT_EQ(r.skipped, 5);
}
