package client

import (
	"context"
	"iter"
)

// defaultPageSize is the page size iterators ask for when none is given.
const defaultPageSize = 50

// pages walks a paged list from page 1, yielding every item. It stops at
// the first error (yielded once), after a page shorter than limit, after an
// empty page, or once totalCount items were seen, whichever comes first,
// so it terminates even if the server's totalCount is wrong.
func pages[T any](ctx context.Context, limit int, fetch func(ctx context.Context, page, limit int) (items []T, total int, err error)) iter.Seq2[T, error] {
	if limit <= 0 {
		limit = defaultPageSize
	}
	return func(yield func(T, error) bool) {
		seen := 0
		for page := 1; ; page++ {
			items, total, err := fetch(ctx, page, limit)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			seen += len(items)
			if len(items) == 0 || len(items) < limit || seen >= total {
				return
			}
		}
	}
}

// ListOptions are the paging options of list methods: Page starts at 1,
// Limit defaults to the server's (10); zero means default.
type ListOptions struct {
	Page  int
	Limit int
}

// pageArgs returns the page and limit to send, nil for "server default".
func (o *ListOptions) pageArgs() (page, limit *int) {
	if o == nil {
		return nil, nil
	}
	if o.Page > 0 {
		page = &o.Page
	}
	if o.Limit > 0 {
		limit = &o.Limit
	}
	return page, limit
}
