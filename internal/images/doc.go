// Package images keeps the images articles reference available offline.
//
// A Fetcher downloads every image URL that the archive's article_image table
// lists (for all articles or those matching a query), checks that each one
// really is a JPEG, PNG, GIF or WebP image of sane dimensions, scales it to a
// thumbnail (longest side at most 320 pixels) and stores the result in the
// archive's image cache: cached with the thumbnail and the original's
// dimensions, or failed with the reason and when to retry.
//
// Downloads are bounded in every direction: a fixed pool of workers, a limit
// per host, a timeout per attempt, a byte limit per image (the body is
// streamed through an io.LimitReader), a pixel limit checked from the image
// header before decoding (decompression bombs), a budget on the decoded pixels
// on the heap at once (counted from each header before decoding, and until
// the garbage collector has freed them; an image larger than the budget is
// decoded alone), and results written to the archive in small batches. Only
// http and https URLs are fetched, redirects included.
//
// Transient failures (server errors, 429, timeouts, connection trouble) are
// retried a few times with exponential backoff, then stored with a time to
// retry that doubles with each failure. A Retry-After header on a 429 or 503
// response is honoured: a short one (up to Options.MaxBackoff) is waited out
// before the next attempt; a longer one stops the retries, and the failure
// is not due again before it has passed (capped at Options.MaxRetryAfter).
//
// Thumbnails are read back from the cache (no network) through an in-memory
// LRU of decoded images, for the GUI.
package images
