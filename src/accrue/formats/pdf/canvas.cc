#include "accrue/formats/pdf/canvas.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace accrue::pdf::internal {
namespace {

// Listed families come before fontconfig's general fallback (which prefers DejaVu for Arabic).
constexpr const char* kFontFamilies =
    "Noto Sans, Noto Sans CJK JP, Noto Sans Arabic, Noto Sans Hebrew, Noto Sans Thai";
constexpr int kQuietZoneModules = 4;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

PangoAlignment ToPango(Align align) {
  switch (align) {
    case Align::kRight:
      return PANGO_ALIGN_RIGHT;
    case Align::kCenter:
      return PANGO_ALIGN_CENTER;
    case Align::kLeft:
      break;
  }
  return PANGO_ALIGN_LEFT;
}

}  // namespace

Result<Rgb> ParseAccentColour(std::string_view text) {
  int v[6] = {};
  bool ok = text.size() == 7 && text[0] == '#';
  for (size_t i = 0; ok && i < 6; ++i) {
    v[i] = HexDigit(text[i + 1]);
    ok = v[i] >= 0;
  }
  if (!ok) {
    return InvalidArgument(
        "accent_colour", "pdf.invalid_accent_colour",
        fmt::format("accent_colour must be \"#RRGGBB\"; got \"{}\"", text.substr(0, 16)));
  }
  auto channel = [&](int i) { return (v[i] * 16 + v[i + 1]) / 255.0; };
  return Rgb{channel(0), channel(2), channel(4)};
}

// ---------------------------------------------------------------------------------------------
// TextBox

TextBox::TextBox(PangoLayout* layout, Rgb colour) : layout_(layout), colour_(colour) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout_, &width, &height);
  height_ = static_cast<double>(height) / PANGO_SCALE;
}

TextBox::~TextBox() {
  if (layout_ != nullptr) g_object_unref(layout_);
}

TextBox::TextBox(TextBox&& other) noexcept
    : layout_(std::exchange(other.layout_, nullptr)),
      colour_(other.colour_),
      height_(other.height_) {}

TextBox& TextBox::operator=(TextBox&& other) noexcept {
  if (this != &other) {
    if (layout_ != nullptr) g_object_unref(layout_);
    layout_ = std::exchange(other.layout_, nullptr);
    colour_ = other.colour_;
    height_ = other.height_;
  }
  return *this;
}

void TextBox::Draw(cairo_t* cr, double x, double y) const {
  if (layout_ == nullptr) return;
  SetColour(cr, colour_);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout_);
}

// ---------------------------------------------------------------------------------------------
// TextShaper

TextShaper& TextShaper::ForThread() {
  thread_local TextShaper shaper;
  return shaper;
}

TextShaper::TextShaper() {
  font_map_ = pango_cairo_font_map_new();
  pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map_), 72);
  regular_ = pango_font_description_from_string(kFontFamilies);
  bold_ = pango_font_description_copy(regular_);
  pango_font_description_set_weight(bold_, PANGO_WEIGHT_BOLD);
  SetLanguage("");
}

TextShaper::~TextShaper() {
  for (Cached& cached : cache_) g_object_unref(cached.layout);
  pango_font_description_free(bold_);
  pango_font_description_free(regular_);
  for (auto& [language, context] : contexts_) g_object_unref(context);
  g_object_unref(font_map_);
}

void TextShaper::SetLanguage(std::string_view iso639) {
  if (context_ != nullptr && iso639 == language_) return;
  language_ = std::string(iso639);
  for (const auto& [language, context] : contexts_) {
    if (language == language_) {
      context_ = context;
      return;
    }
  }
  context_ = pango_font_map_create_context(font_map_);
  // Outlines in a PDF scale freely: no hinting, and positions unrounded, so text measured here
  // has the width it is printed with.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(context_, FALSE);
  if (!language_.empty()) {
    pango_context_set_language(context_, pango_language_from_string(language_.c_str()));
  }
  contexts_.emplace_back(language_, context_);
}

PangoLayout* TextShaper::Shape(std::string_view text, const Style& style, double width_pt) {
  PangoFontDescription* font = style.bold ? bold_ : regular_;
  pango_font_description_set_size(font, static_cast<int>(style.size_pt * PANGO_SCALE));
  PangoLayout* layout = pango_layout_new(context_);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_auto_dir(layout, FALSE);  // columns keep their alignment for RTL names
  if (width_pt > 0) {
    pango_layout_set_width(layout, static_cast<int>(width_pt * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, ToPango(style.align));
  }
  if (style.lines_max > 0) {
    pango_layout_set_height(layout, -style.lines_max);
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  }
  const auto length = static_cast<gssize>(text.size());
  if (g_utf8_validate(text.data(), length, nullptr)) {
    pango_layout_set_text(layout, text.data(), static_cast<int>(length));
  } else {
    gchar* valid = g_utf8_make_valid(text.data(), length);
    pango_layout_set_text(layout, valid, -1);
    g_free(valid);
  }
  return layout;
}

TextBox TextShaper::Make(std::string_view text, const Style& style, double width_pt) {
  if (text.empty()) return TextBox();
  // Everything the layout depends on; the colour is the box's, not the layout's.
  const int size = static_cast<int>(style.size_pt * PANGO_SCALE);
  const int width = width_pt > 0 ? static_cast<int>(width_pt * PANGO_SCALE) : 0;
  const int align = width > 0 ? static_cast<int>(style.align) : 0;
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}|", language_, size, style.bold ? 1 : 0, width,
                                align, style.lines_max > 0 ? style.lines_max : 0);
  key.append(text);
  if (auto it = cache_index_.find(key); it != cache_index_.end()) {
    cache_.splice(cache_.end(), cache_, it->second);  // now the most recently used
    PangoLayout* layout = it->second->layout;
    g_object_ref(layout);
    return TextBox(layout, style.colour);
  }
  PangoLayout* layout = Shape(text, style, width_pt);
  if (cache_.size() >= kTextCacheEntries) {
    cache_index_.erase(cache_.front().key);
    g_object_unref(cache_.front().layout);
    cache_.pop_front();
  }
  cache_.push_back(Cached{std::move(key), layout});
  cache_index_.emplace(cache_.back().key, std::prev(cache_.end()));
  g_object_ref(layout);
  return TextBox(layout, style.colour);
}

// ---------------------------------------------------------------------------------------------
// Shapes

void SetColour(cairo_t* cr, Rgb colour) { cairo_set_source_rgb(cr, colour.r, colour.g, colour.b); }

void FillRect(cairo_t* cr, double x, double y, double width, double height, Rgb colour) {
  SetColour(cr, colour);
  cairo_rectangle(cr, x, y, width, height);
  cairo_fill(cr);
}

void HorizontalRule(cairo_t* cr, double x, double y, double width, double line_width, Rgb colour) {
  SetColour(cr, colour);
  cairo_set_line_width(cr, line_width);
  cairo_move_to(cr, x, y);
  cairo_line_to(cr, x + width, y);
  cairo_stroke(cr);
}

void DrawQr(cairo_t* cr, const QrMatrix& qr, double x, double y, double size_pt) {
  const int w = qr.width;
  if (w <= 0) return;
  const double module = size_pt / (w + 2 * kQuietZoneModules);
  // One pixel per module in a 1-bit surface, used as a stencil mask over solid black: Cairo
  // writes it as a small image mask (/ImageMask true, about 250 bytes deflated) and, with the
  // nearest filter, /Interpolate false, so viewers scale it up with hard module edges. Drawing
  // the ~350 rectangles of a typical code instead cost half the time of a one-page invoice
  // (Cairo 1.16 prints every coordinate with printf and deflates the result).
  cairo_surface_t* bits = cairo_image_surface_create(CAIRO_FORMAT_A1, w, w);
  if (cairo_surface_status(bits) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(bits);
    return;
  }
  cairo_surface_flush(bits);
  unsigned char* data = cairo_image_surface_get_data(bits);
  const auto stride = static_cast<size_t>(cairo_image_surface_get_stride(bits));
  // A1 packs 32 pixels into each native-endian uint32_t, the first pixel in the least
  // significant bit on little-endian machines and in the most significant one on big-endian.
  std::vector<uint32_t> words(stride / sizeof(uint32_t));
  for (int row = 0; row < w; ++row) {
    std::fill(words.begin(), words.end(), 0);
    for (int col = 0; col < w; ++col) {
      if (!qr.At(col, row)) continue;
      const int bit = std::endian::native == std::endian::little ? col % 32 : 31 - col % 32;
      words[static_cast<size_t>(col / 32)] |= uint32_t{1} << bit;
    }
    std::memcpy(data + static_cast<size_t>(row) * stride, words.data(), stride);
  }
  cairo_surface_mark_dirty(bits);
  cairo_save(cr);
  cairo_translate(cr, x + kQuietZoneModules * module, y + kQuietZoneModules * module);
  cairo_scale(cr, module, module);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_pattern_t* mask = cairo_pattern_create_for_surface(bits);
  cairo_pattern_set_filter(mask, CAIRO_FILTER_NEAREST);
  cairo_mask(cr, mask);
  cairo_pattern_destroy(mask);
  cairo_restore(cr);
  cairo_surface_destroy(bits);
}

// ---------------------------------------------------------------------------------------------
// Image

namespace {

struct PngCursor {
  const std::string* bytes;
  size_t offset;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* cursor = static_cast<PngCursor*>(closure);
  if (cursor->bytes->size() - cursor->offset < length) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, cursor->bytes->data() + cursor->offset, length);
  cursor->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

Status InvalidLogo(std::string_view why) {
  return InvalidArgument("logo_png", "pdf.invalid_logo", fmt::format("logo_png {}", why));
}

}  // namespace

Result<Image> Image::DecodePng(const std::string& png) {
  static constexpr char kSignature[] = "\x89PNG\r\n\x1a\n";
  if (png.size() > kLogoBytesMax) {
    return InvalidLogo(
        fmt::format("is {} bytes; at most {} are accepted", png.size(), kLogoBytesMax));
  }
  if (png.size() < 8 || std::memcmp(png.data(), kSignature, 8) != 0) {
    return InvalidLogo("is not a PNG image");
  }
  PngCursor cursor{&png, 0};
  Image image;
  image.surface_ = cairo_image_surface_create_from_png_stream(&ReadPng, &cursor);
  if (cairo_surface_status(image.surface_) != CAIRO_STATUS_SUCCESS) {
    return InvalidLogo(fmt::format("cannot be decoded: {}",
                                   cairo_status_to_string(cairo_surface_status(image.surface_))));
  }
  const int width = cairo_image_surface_get_width(image.surface_);
  const int height = cairo_image_surface_get_height(image.surface_);
  if (width <= 0 || height <= 0 || width > kLogoPixelsMax || height > kLogoPixelsMax) {
    return InvalidLogo(fmt::format("is {}×{} pixels; at most {} on a side are accepted", width,
                                   height, kLogoPixelsMax));
  }
  return image;
}

Image::~Image() {
  if (surface_ != nullptr) cairo_surface_destroy(surface_);
}

Image::Image(Image&& other) noexcept : surface_(std::exchange(other.surface_, nullptr)) {}

Image& Image::operator=(Image&& other) noexcept {
  if (this != &other) {
    if (surface_ != nullptr) cairo_surface_destroy(surface_);
    surface_ = std::exchange(other.surface_, nullptr);
  }
  return *this;
}

double Image::HeightFor(double width, double height) const {
  if (surface_ == nullptr) return 0;
  const double w = cairo_image_surface_get_width(surface_);
  const double h = cairo_image_surface_get_height(surface_);
  return h * std::min(width / w, height / h);
}

double Image::DrawFitted(cairo_t* cr, double x, double y, double width, double height) const {
  if (surface_ == nullptr) return 0;
  const double w = cairo_image_surface_get_width(surface_);
  const double h = cairo_image_surface_get_height(surface_);
  const double scale = std::min(width / w, height / h);
  cairo_save(cr);
  cairo_translate(cr, x + width - w * scale, y);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, surface_, 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  return h * scale;
}

}  // namespace accrue::pdf::internal
