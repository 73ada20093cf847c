// libpng's own messages carry the program's prefix (issue 11, item 15: its default handlers
// print bare "libpng warning: …" lines): a PNG whose text chunk is damaged is read with libpng's
// warning, and every line on stderr starts "patrolscope: ".
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "render/png_io.hpp"

namespace fs = std::filesystem;
using namespace patrolscope;

TEST(RenderPngMessages, LibpngLinesCarryThePrefix) {
  std::string pattern = (fs::temp_directory_path() / "patrolscope-png-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  render::Image image;
  image.width = image.height = 16;
  image.rgba.assign(16 * 16 * 4, 200);
  std::string bytes = render::encode_png("x.png", image, {{"Title", "A briefing"}}, true);
  const std::size_t text = bytes.find("tEXt");
  ASSERT_NE(text, std::string::npos);
  bytes[text + 6] = static_cast<char>(bytes[text + 6] ^ 0x5A);  // the chunk no longer matches its CRC
  const fs::path path = dir / "damaged.png";
  std::ofstream(path, std::ios::binary) << bytes;

  ::testing::internal::CaptureStderr();
  render::read_png_text(path.string());  // libpng warns and drops the chunk
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(err.empty()) << "libpng said nothing";
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) EXPECT_EQ(line.rfind("patrolscope: ", 0), 0u) << line;
  fs::remove_all(dir);
}
