// Limits that bound the work a hostile or broken input can cause (docs/data-format.md, "Limits").
// Each is applied where the work would be done, before it is done.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace geo {

// Characters (code points) of a value shown as a label: legend entries, the time caption.
inline constexpr std::size_t kMaxLabelChars = 80;
// Characters of any text measured or drawn on an image (titles, subtitles, banners): beyond
// this, fitting it to the width would cost more than a frame.
inline constexpr std::size_t kMaxDrawnTextChars = 1000;

// `utf8` cut to at most `max_chars` code points, with "…" when cut (never inside a character).
std::string shorten_text(std::string_view utf8, std::size_t max_chars);

}  // namespace geo
