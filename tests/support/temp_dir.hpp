// Temporary directories for tests, written once: `TempDir` makes a fresh
// <tmp>/patrolscope-NAME-XXXXXX (mkdtemp) and removes it with everything in it when it goes;
// `TempDirTest` is a GoogleTest fixture whose `dir_` is a TempDir of its own for each test
// (named after the test suite). Tests write only in these or in cli.hpp's scratch directory.
#pragma once
#include <gtest/gtest.h>

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

namespace patrolscope::testing {

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Writes `text` to `path` (its folders made as needed) and returns the path.
inline std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

class TempDir {
 public:
  explicit TempDir(const std::string& name = "test") {
    std::string safe;
    for (char c : name) safe += std::isalnum(static_cast<unsigned char>(c)) ? c : '-';
    std::string pattern = (std::filesystem::temp_directory_path() / ("patrolscope-" + safe + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    if (keep_) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  void keep() { keep_ = true; }  // leave it there (to look at after a failure)

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

class TempDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_.emplace(::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name());
    dir_ = temp_->path();
  }
  void TearDown() override {
    if (keep_on_failure_ && HasFailure()) {
      temp_->keep();
      std::printf("kept %s\n", dir_.c_str());
    }
    temp_.reset();
  }
  // Writes `text` to dir_/name (folders made as needed); returns the path.
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    return write_file(dir_ / name, text);
  }

  std::filesystem::path dir_;
  bool keep_on_failure_ = false;  // a subclass sets it to leave a failed test's files

 private:
  std::optional<TempDir> temp_;
};

}  // namespace patrolscope::testing
