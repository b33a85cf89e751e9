// giflib (Debian: libgif-dev, no pkg-config file: the module map links "gif").
// giflib reports errors by return codes, so no jump is involved; the shim reads
// from memory and decodes the first image of the file into RGB.
#ifndef LOGIT_CGIF_SHIM_H
#define LOGIT_CGIF_SHIM_H

#include <stdio.h>
#include <gif_lib.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const unsigned char *data;
    size_t size;
    size_t offset;
} logit_gif_source;

typedef struct {
    GifFileType *gif;
    logit_gif_source source;
    /// The logical screen, before any pixel is allocated.
    int width;
    int height;
    char message[200];
} logit_gif_reader;

static int logit_gif_read_bytes(GifFileType *gif, GifByteType *out, int count) {
    logit_gif_source *source = (logit_gif_source *)gif->UserData;
    size_t left = source->size - source->offset;
    size_t n = (size_t)count < left ? (size_t)count : left;
    memcpy(out, source->data + source->offset, n);
    source->offset += n;
    return (int)n;
}

static void logit_gif_fail(logit_gif_reader *reader, const char *what, int code) {
    const char *text = GifErrorString(code);
    snprintf(reader->message, sizeof(reader->message), "%s%s%s", what, text ? ": " : "", text ? text : "");
}

/// Reads the screen descriptor. Returns 1, or 0 with `message` set.
static inline int logit_gif_open(logit_gif_reader *reader, const unsigned char *data, size_t size) {
    memset(reader, 0, sizeof(*reader));
    reader->source.data = data;
    reader->source.size = size;
    int code = 0;
    reader->gif = DGifOpen(&reader->source, logit_gif_read_bytes, &code);
    if (!reader->gif) {
        logit_gif_fail(reader, "not a readable GIF", code);
        return 0;
    }
    reader->width = reader->gif->SWidth;
    reader->height = reader->gif->SHeight;
    return 1;
}

/// Decodes the first image into `out` (height × width × 3 bytes, RGB): pixels
/// outside the image's rectangle get the background colour. Interlaced images
/// are put back in row order. Returns 1, or 0 with `message` set.
static inline int logit_gif_read_first(logit_gif_reader *reader, unsigned char *out) {
    GifFileType *gif = reader->gif;
    GifRecordType type;
    for (;;) {
        if (DGifGetRecordType(gif, &type) == GIF_ERROR) {
            logit_gif_fail(reader, "cannot read a record", gif->Error);
            return 0;
        }
        if (type == TERMINATE_RECORD_TYPE) {
            strcpy(reader->message, "the file holds no image");
            return 0;
        }
        if (type == EXTENSION_RECORD_TYPE) {
            int code;
            GifByteType *block;
            if (DGifGetExtension(gif, &code, &block) == GIF_ERROR) {
                logit_gif_fail(reader, "cannot read an extension", gif->Error);
                return 0;
            }
            while (block != NULL) {
                if (DGifGetExtensionNext(gif, &block) == GIF_ERROR) {
                    logit_gif_fail(reader, "cannot read an extension", gif->Error);
                    return 0;
                }
            }
            continue;
        }
        if (type != IMAGE_DESC_RECORD_TYPE) {
            continue;
        }
        if (DGifGetImageDesc(gif) == GIF_ERROR) {
            logit_gif_fail(reader, "cannot read the image descriptor", gif->Error);
            return 0;
        }
        ColorMapObject *map = gif->Image.ColorMap ? gif->Image.ColorMap : gif->SColorMap;
        if (!map || !map->Colors) {
            strcpy(reader->message, "the image has no colour table");
            return 0;
        }
        int screen_w = reader->width, screen_h = reader->height;
        int background = gif->SColorMap && gif->SBackGroundColor < gif->SColorMap->ColorCount ? gif->SBackGroundColor : 0;
        ColorMapObject *background_map = gif->SColorMap ? gif->SColorMap : map;
        GifColorType fill = background_map->Colors[background < background_map->ColorCount ? background : 0];
        for (size_t i = 0; i < (size_t)screen_w * (size_t)screen_h; i++) {
            out[3 * i] = fill.Red;
            out[3 * i + 1] = fill.Green;
            out[3 * i + 2] = fill.Blue;
        }
        int left = gif->Image.Left, top = gif->Image.Top, w = gif->Image.Width, h = gif->Image.Height;
        if (w <= 0 || h <= 0) {
            strcpy(reader->message, "the image has no pixels");
            return 0;
        }
        GifPixelType *line = (GifPixelType *)malloc((size_t)w);
        if (!line) {
            strcpy(reader->message, "out of memory");
            return 0;
        }
        static const int starts[4] = {0, 4, 2, 1};
        static const int steps[4] = {8, 8, 4, 2};
        int passes = gif->Image.Interlace ? 4 : 1;
        for (int pass = 0; pass < passes; pass++) {
            int start = gif->Image.Interlace ? starts[pass] : 0;
            int step = gif->Image.Interlace ? steps[pass] : 1;
            for (int row = start; row < h; row += step) {
                if (DGifGetLine(gif, line, w) == GIF_ERROR) {
                    logit_gif_fail(reader, "the image data ends early or is corrupt", gif->Error);
                    free(line);
                    return 0;
                }
                int y = top + row;
                if (y < 0 || y >= screen_h) continue;
                for (int col = 0; col < w; col++) {
                    int x = left + col;
                    if (x < 0 || x >= screen_w) continue;
                    int index = line[col] < map->ColorCount ? line[col] : 0;
                    GifColorType c = map->Colors[index];
                    size_t at = 3 * ((size_t)y * (size_t)screen_w + (size_t)x);
                    out[at] = c.Red;
                    out[at + 1] = c.Green;
                    out[at + 2] = c.Blue;
                }
            }
        }
        free(line);
        return 1;
    }
}

/// Frees the decoder.
static inline void logit_gif_close(logit_gif_reader *reader) {
    if (reader->gif) {
        int code;
        DGifCloseFile(reader->gif, &code);
        reader->gif = NULL;
    }
}

#endif
