// `render` reuses the scene it built for the same inputs, coastline and projection, and
// rebuilds when an input changes or the cache file is damaged — the image never differs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli.hpp"

namespace fs = std::filesystem;

namespace {

using patrolscope::testing::read_file;

class RenderCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = patrolscope::testing::scratch_dir() / "render-cache";
    fs::remove_all(dir_);
    fs::remove_all(cache_dir());  // each test starts with an empty cache
    fs::create_directories(dir_);
    data_ = dir_ / "tracks.geojson";
    // The bundled dataset loads with no warning (only a clean load is cached).
    fs::copy_file(fs::path(PATROLSCOPE_SOURCE_DIR) / "assets/data/china-russia-joint-activity.geojson", data_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  int render(const std::string& out) const {
    // The shared environment: the scratch XDG_CACHE_HOME (cache_dir()) and XDG_CONFIG_HOME, no display.
    return patrolscope::testing::run_cli("render -q --size 320x200 --region pacific -o " + (dir_ / out).string() + " " +
                                         data_.string())
        .code;
  }
  std::vector<fs::path> cache_files() const {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(cache_dir())) files.push_back(entry.path());
    return files;
  }

  static fs::path cache_dir() { return patrolscope::testing::scratch_dir() / "cache" / "patrolscope"; }
  fs::path dir_, data_;
};

}  // namespace

TEST_F(RenderCache, SecondRenderUsesTheCacheAndDrawsTheSameImage) {
  ASSERT_EQ(render("a.png"), 0);
  const auto files = cache_files();
  ASSERT_EQ(files.size(), 1u);
  const auto written = fs::last_write_time(files[0]);
  ASSERT_EQ(render("b.png"), 0);
  EXPECT_EQ(fs::last_write_time(files[0]), written) << "a hit does not rewrite the entry";
  EXPECT_EQ(read_file(dir_ / "a.png"), read_file(dir_ / "b.png"));
}

TEST_F(RenderCache, AChangedInputIsAMiss) {
  ASSERT_EQ(render("a.png"), 0);
  std::string text = read_file(data_);
  std::ofstream(data_, std::ios::binary) << text << "\n";  // same content, new size and mtime
  ASSERT_EQ(render("b.png"), 0);
  EXPECT_EQ(cache_files().size(), 2u) << "a second entry for the changed file";
  EXPECT_EQ(read_file(dir_ / "a.png"), read_file(dir_ / "b.png"));
}

TEST_F(RenderCache, ADamagedEntryIsRebuiltNotTrusted) {
  ASSERT_EQ(render("a.png"), 0);
  const auto files = cache_files();
  ASSERT_EQ(files.size(), 1u);
  const auto size = fs::file_size(files[0]);
  fs::resize_file(files[0], size / 2);  // truncated
  ASSERT_EQ(render("b.png"), 0);
  EXPECT_EQ(read_file(dir_ / "a.png"), read_file(dir_ / "b.png"));
  EXPECT_EQ(fs::file_size(files[0]), size) << "the entry is written again";
}
