package client

import (
	"context"
	"iter"

	"github.com/authing-go/authing"
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

// listOptions gives listIter the paging options inside any options struct
// that embeds ListOptions.
func (o *ListOptions) listOptions() *ListOptions { return o }

// listIter walks every page of a list method: list is called with a copy of
// opts whose Page and Limit the pager sets (opts.Page is ignored; opts.Limit
// is the page size, default 50), and items reads a page's items and total.
func listIter[O any, PO interface {
	*O
	listOptions() *ListOptions
}, L any, T any](ctx context.Context, opts PO, list func(context.Context, PO) (L, error), items func(L) ([]T, int)) iter.Seq2[T, error] {
	var o O
	if opts != nil {
		o = *opts
	}
	po := PO(&o)
	return pages(ctx, po.listOptions().Limit, func(ctx context.Context, page, limit int) ([]T, int, error) {
		po.listOptions().Page, po.listOptions().Limit = page, limit
		l, err := list(ctx, po)
		if err != nil {
			return nil, 0, err
		}
		got, total := items(l)
		return got, total, nil
	})
}

// The items of each list type, for listIter.
func userPage(l *authing.UserList) ([]*authing.User, int) { return l.List, l.TotalCount }
func userCustomPage(l *authing.UserWithCustomDataList) ([]*authing.UserWithCustomData, int) {
	return l.List, l.TotalCount
}
func rolePage(l *authing.RoleList) ([]*authing.Role, int)       { return l.List, l.TotalCount }
func policyPage(l *authing.PolicyList) ([]*authing.Policy, int) { return l.List, l.TotalCount }
func assignmentPage(l *authing.PolicyAssignmentList) ([]*authing.PolicyAssignment, int) {
	return l.List, l.TotalCount
}
func groupPage(l *authing.GroupList) ([]*authing.Group, int) { return l.List, l.TotalCount }
func orgPage(l *authing.OrgList) ([]*authing.Org, int)       { return l.List, l.TotalCount }
func applicationPage(l *authing.ApplicationList) ([]*authing.Application, int) {
	return l.List, l.TotalCount
}
func namespacePage(l *NamespaceList) ([]*Namespace, int)    { return l.List, l.TotalCount }
func resourcePage(l *ResourceList) ([]*Resource, int)       { return l.List, l.TotalCount }
func auditLogPage(l *AuditLogList) ([]*AuditLog, int)       { return l.List, l.TotalCount }
func userActionPage(l *UserActionList) ([]*UserAction, int) { return l.List, l.TotalCount }
func accountPage(l *ProgrammaticAccessAccountList) ([]*ProgrammaticAccessAccount, int) {
	return l.List, l.TotalCount
}
