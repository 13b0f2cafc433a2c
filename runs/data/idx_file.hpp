#pragma once
// IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed (docs/datasets.md,
// "IDX files"). Layout: two zero bytes, a type byte (only 0x08 = unsigned byte is accepted),
// the number of dimensions D, then D big-endian 32-bit sizes, then the data in C order.
//
// Every malformation is a runs::InputError naming the file and what is wrong (exit code 2).
// Header sizes are never trusted for allocation: the data are read in chunks as they arrive and
// compared with the header afterwards, so a lying header cannot make the reader allocate more
// than the file actually holds.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hebbmc::models {

/// The whole content of one IDX file of unsigned bytes.
struct IdxArray {
  std::vector<std::int64_t> dims;   ///< sizes from the header, outermost first
  std::vector<std::uint8_t> data;   ///< product(dims) bytes, C order
};

/// Reads an IDX file (gzip detected from the content, not the name); throws InputError.
IdxArray read_idx(const std::filesystem::path& file);

/// Images of an idx3 file: count x rows x cols bytes.
struct IdxImages {
  std::int64_t count = 0;            ///< number of images
  std::int64_t rows = 0, cols = 0;   ///< image height and width
  std::vector<std::uint8_t> pixels;  ///< count * rows * cols, image-major, row-major within an image
  /// First pixel of image t.
  const std::uint8_t* image(std::int64_t t) const { return pixels.data() + t * rows * cols; }
};

/// Reads an idx3 image file (3 dimensions, none zero); throws InputError.
IdxImages read_idx_images(const std::filesystem::path& file);

/// Reads an idx1 label file; every label must be < label_count; throws InputError.
std::vector<std::uint8_t> read_idx_labels(const std::filesystem::path& file, int label_count);

/// A labelled image set: images and labels of the same length.
struct LabelledImages {
  IdxImages images;                  ///< the images
  std::vector<std::uint8_t> labels;  ///< label of each image
};

/// Reads an image file and its label file and checks that the counts agree; throws InputError.
LabelledImages read_labelled_images(const std::filesystem::path& images, const std::filesystem::path& labels,
                                    int label_count);

}  // namespace hebbmc::models
