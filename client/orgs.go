package client

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// OrgOptions are the optional values of Orgs.Create.
type OrgOptions struct {
	// Code is the code of the root node.
	Code        *string
	Description *string
}

// Create creates an organization (and its root node, named name) with the
// createOrg mutation.
func (s *OrgsService) Create(ctx context.Context, name string, opts *OrgOptions) (*authing.Org, error) {
	const op = "Orgs.Create"
	ctx = withOp(ctx, op)
	if name == "" {
		return nil, argError(op, "name is required")
	}
	if opts == nil {
		opts = &OrgOptions{}
	}
	resp, err := generated.CreateOrg(ctx, s.mc.gql, name, opts.Code, opts.Description)
	return result(op, resp.CreateOrg, err)
}

// DeleteByID deletes an organization with the deleteOrg mutation.
func (s *OrgsService) DeleteByID(ctx context.Context, orgID string) (*authing.CommonMessage, error) {
	const op = "Orgs.DeleteByID"
	ctx = withOp(ctx, op)
	if orgID == "" {
		return nil, argError(op, "org id is required")
	}
	resp, err := generated.DeleteOrg(ctx, s.mc.gql, orgID)
	return commonMessage(op, resp.DeleteOrg, err)
}

// List returns one page of organizations with the orgs query.
func (s *OrgsService) List(ctx context.Context, opts *ListOptions) (*authing.OrgList, error) {
	const op = "Orgs.List"
	ctx = withOp(ctx, op)
	page, limit := opts.pageArgs()
	resp, err := generated.Orgs(ctx, s.mc.gql, page, limit, nil)
	return result(op, resp.Orgs, err)
}

// ListIter walks every page of List, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *OrgsService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*authing.Org, error] {
	return listIter(ctx, opts, s.List, orgPage)
}

// FindByID returns an organization with all its nodes, with the org query.
func (s *OrgsService) FindByID(ctx context.Context, orgID string) (*authing.Org, error) {
	const op = "Orgs.FindByID"
	ctx = withOp(ctx, op)
	if orgID == "" {
		return nil, argError(op, "org id is required")
	}
	resp, err := generated.Org(ctx, s.mc.gql, orgID)
	if err != nil {
		return nil, err
	}
	if resp.Org == nil {
		return nil, notFound(op, "org "+orgID)
	}
	return resp.Org, nil
}

// NodeRef names a node of an organization: the node NodeID in the
// organization OrgID, both required. The node calls that need the
// organization (AddNode, CreateNode, DeleteNode, IsRootNode, MoveNode)
// take it.
type NodeRef struct {
	OrgID  string
	NodeID string
}

// NodeCodeRef names a node of an organization by its code: the node with
// Code in the organization OrgID, both required.
type NodeCodeRef struct {
	OrgID string
	Code  string
}

// NodeOptions are the optional values of AddNode and CreateNode.
type NodeOptions struct {
	Code            *string
	Description     *string
	Order           *int
	NameI18n        *string
	DescriptionI18n *string
}

// AddNode adds a node named name under the node parent (parent.NodeID in
// the organization parent.OrgID) with the addNode mutation and
// returns the whole organization.
func (s *OrgsService) AddNode(ctx context.Context, parent NodeRef, name string, opts *NodeOptions) (*authing.Org, error) {
	const op = "Orgs.AddNode"
	ctx = withOp(ctx, op)
	if parent.OrgID == "" || parent.NodeID == "" || name == "" {
		return nil, argError(op, "org id, parent node id and name are required")
	}
	if opts == nil {
		opts = &NodeOptions{}
	}
	resp, err := generated.AddNode(ctx, s.mc.gql, parent.OrgID, name, &parent.NodeID, opts.NameI18n, opts.Description, opts.DescriptionI18n, opts.Order, opts.Code)
	return result(op, resp.AddNode, err)
}

// CreateNode adds a node named name under the node parent (parent.NodeID in
// the organization parent.OrgID) with the addNodeV2 mutation and
// returns the new node.
func (s *OrgsService) CreateNode(ctx context.Context, parent NodeRef, name string, opts *NodeOptions) (*authing.Node, error) {
	const op = "Orgs.CreateNode"
	ctx = withOp(ctx, op)
	if parent.OrgID == "" || parent.NodeID == "" || name == "" {
		return nil, argError(op, "org id, parent node id and name are required")
	}
	if opts == nil {
		opts = &NodeOptions{}
	}
	resp, err := generated.AddNodeV2(ctx, s.mc.gql, parent.OrgID, name, &parent.NodeID, opts.NameI18n, opts.Description, opts.DescriptionI18n, opts.Order, opts.Code)
	return result(op, resp.AddNodeV2, err)
}

// GetNodeByID returns a node with the nodeById query.
func (s *OrgsService) GetNodeByID(ctx context.Context, nodeID string) (*authing.Node, error) {
	const op = "Orgs.GetNodeByID"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	resp, err := generated.NodeById(ctx, s.mc.gql, nodeID)
	if err != nil {
		return nil, err
	}
	if resp.NodeById == nil {
		return nil, notFound(op, "node "+nodeID)
	}
	return resp.NodeById, nil
}

// NodeUpdate holds the fields of a node to change.
type NodeUpdate struct {
	Name        *string
	Code        *string
	Description *string
}

// UpdateNode changes a node with the updateNode mutation.
func (s *OrgsService) UpdateNode(ctx context.Context, nodeID string, u NodeUpdate) (*authing.Node, error) {
	const op = "Orgs.UpdateNode"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	resp, err := generated.UpdateNode(ctx, s.mc.gql, nodeID, u.Name, u.Code, u.Description)
	return result(op, resp.UpdateNode, err)
}

// DeleteNode deletes a node and its children with the deleteNode mutation.
func (s *OrgsService) DeleteNode(ctx context.Context, node NodeRef) (*authing.CommonMessage, error) {
	const op = "Orgs.DeleteNode"
	ctx = withOp(ctx, op)
	if node.OrgID == "" || node.NodeID == "" {
		return nil, argError(op, "org id and node id are required")
	}
	resp, err := generated.DeleteNode(ctx, s.mc.gql, node.OrgID, node.NodeID)
	return commonMessage(op, resp.DeleteNode, err)
}

// IsRootNode reports whether a node is its organization's root, with the
// isRootNode query.
func (s *OrgsService) IsRootNode(ctx context.Context, node NodeRef) (bool, error) {
	const op = "Orgs.IsRootNode"
	ctx = withOp(ctx, op)
	if node.OrgID == "" || node.NodeID == "" {
		return false, argError(op, "org id and node id are required")
	}
	resp, err := generated.IsRootNode(ctx, s.mc.gql, node.NodeID, node.OrgID)
	if err != nil {
		return false, err
	}
	if resp.IsRootNode == nil {
		return false, noResult(op)
	}
	return *resp.IsRootNode, nil
}

// MoveNode moves node under the node targetParentID of the same
// organization with the moveNode mutation and returns the organization.
func (s *OrgsService) MoveNode(ctx context.Context, node NodeRef, targetParentID string) (*authing.Org, error) {
	const op = "Orgs.MoveNode"
	ctx = withOp(ctx, op)
	if node.OrgID == "" || node.NodeID == "" || targetParentID == "" {
		return nil, argError(op, "org id, node id and target parent id are required")
	}
	resp, err := generated.MoveNode(ctx, s.mc.gql, node.OrgID, node.NodeID, targetParentID)
	return result(op, resp.MoveNode, err)
}

// ListChildren returns the direct children of a node with the
// childrenNodes query.
func (s *OrgsService) ListChildren(ctx context.Context, nodeID string) ([]*authing.Node, error) {
	const op = "Orgs.ListChildren"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	resp, err := generated.ChildrenNodes(ctx, s.mc.gql, nodeID, nil)
	if err != nil {
		return nil, err
	}
	return resp.ChildrenNodes, nil
}

// RootNode returns an organization's root node with the rootNode query.
func (s *OrgsService) RootNode(ctx context.Context, orgID string) (*authing.Node, error) {
	const op = "Orgs.RootNode"
	ctx = withOp(ctx, op)
	if orgID == "" {
		return nil, argError(op, "org id is required")
	}
	resp, err := generated.RootNode(ctx, s.mc.gql, orgID)
	return result(op, resp.RootNode, err)
}

// SearchNodes returns the nodes whose name matches keyword, with the
// searchNodes query.
func (s *OrgsService) SearchNodes(ctx context.Context, keyword string) ([]*authing.Node, error) {
	const op = "Orgs.SearchNodes"
	ctx = withOp(ctx, op)
	if keyword == "" {
		return nil, argError(op, "keyword is required")
	}
	resp, err := generated.SearchNodes(ctx, s.mc.gql, keyword)
	if err != nil {
		return nil, err
	}
	return resp.SearchNodes, nil
}

// AddMembers adds users to a node with the addMember mutation.
func (s *OrgsService) AddMembers(ctx context.Context, nodeID string, userIDs []string) (*authing.Node, error) {
	const op = "Orgs.AddMembers"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	if err := checkValues(op, "user id", userIDs); err != nil {
		return nil, err
	}
	resp, err := generated.AddMember(ctx, s.mc.gql, userIDs, &nodeID, nil, nil, nil)
	return result(op, resp.AddMember, err)
}

// DeleteMembers removes users from a node with the removeMember mutation.
func (s *OrgsService) DeleteMembers(ctx context.Context, nodeID string, userIDs []string) (*authing.Node, error) {
	const op = "Orgs.DeleteMembers"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	if err := checkValues(op, "user id", userIDs); err != nil {
		return nil, err
	}
	resp, err := generated.RemoveMember(ctx, s.mc.gql, userIDs, &nodeID, nil, nil)
	return result(op, resp.RemoveMember, err)
}

// MemberListOptions are the options of ListMembers.
type MemberListOptions struct {
	ListOptions
	// IncludeChildrenNodes also lists the members of descendant nodes.
	IncludeChildrenNodes *bool
}

// ListMembers returns one page of a node's members with the
// nodeById.users query.
func (s *OrgsService) ListMembers(ctx context.Context, nodeID string, opts *MemberListOptions) (*authing.UserList, error) {
	const op = "Orgs.ListMembers"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	if opts == nil {
		opts = &MemberListOptions{}
	}
	page, limit := opts.pageArgs()
	resp, err := generated.NodeMembers(ctx, s.mc.gql, nodeID, page, limit, opts.IncludeChildrenNodes)
	if err != nil {
		return nil, err
	}
	if resp.NodeById == nil {
		return nil, notFound(op, "node "+nodeID)
	}
	if resp.NodeById.Users == nil {
		return nil, noResult(op)
	}
	return resp.NodeById.Users, nil
}

// ListMembersIter walks every page of ListMembers, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *OrgsService) ListMembersIter(ctx context.Context, nodeID string, opts *MemberListOptions) iter.Seq2[*authing.User, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *MemberListOptions) (*authing.UserList, error) {
		return s.ListMembers(ctx, nodeID, o)
	}, userPage)
}

// MoveMembers moves users from one node to another with the moveMembers
// mutation.
func (s *OrgsService) MoveMembers(ctx context.Context, userIDs []string, sourceNodeID, targetNodeID string) (*authing.CommonMessage, error) {
	const op = "Orgs.MoveMembers"
	ctx = withOp(ctx, op)
	if sourceNodeID == "" || targetNodeID == "" {
		return nil, argError(op, "source and target node ids are required")
	}
	if err := checkValues(op, "user id", userIDs); err != nil {
		return nil, err
	}
	resp, err := generated.MoveMembers(ctx, s.mc.gql, userIDs, sourceNodeID, targetNodeID)
	return commonMessage(op, resp.MoveMembers, err)
}

// SetMainDepartment sets a user's main department with the
// setMainDepartment mutation ("" clears it).
func (s *OrgsService) SetMainDepartment(ctx context.Context, userID, departmentID string) (*authing.CommonMessage, error) {
	const op = "Orgs.SetMainDepartment"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.SetMainDepartment(ctx, s.mc.gql, userID, optString(departmentID))
	return commonMessage(op, resp.SetMainDepartment, err)
}

// ListRoles returns the roles given to a node with the nodeById.roles
// query.
func (s *OrgsService) ListRoles(ctx context.Context, nodeID, namespace string) (*authing.RoleList, error) {
	const op = "Orgs.ListRoles"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	resp, err := generated.NodeRoles(ctx, s.mc.gql, nodeID, optString(namespace))
	if err != nil {
		return nil, err
	}
	if resp.NodeById == nil {
		return nil, notFound(op, "node "+nodeID)
	}
	if resp.NodeById.Roles == nil {
		return nil, noResult(op)
	}
	return resp.NodeById.Roles, nil
}

// AddRoles gives roles (codes in namespace; "" is the default namespace)
// to a node, and so to its members, with the assignRole mutation. The
// mutation names nodes by code, so AddRoles takes the node's code
// (Node.Code), where the Python SDK takes its id.
func (s *OrgsService) AddRoles(ctx context.Context, nodeCode string, roleCodes []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Orgs.AddRoles"
	ctx = withOp(ctx, op)
	return assignRoles(ctx, s.mc.gql, op, true, roleCodes, nil, []string{nodeCode}, namespace)
}

// RemoveRoles takes roles back from a node with the revokeRole mutation.
// Like AddRoles it takes the node's code.
func (s *OrgsService) RemoveRoles(ctx context.Context, nodeCode string, roleCodes []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Orgs.RemoveRoles"
	ctx = withOp(ctx, op)
	return assignRoles(ctx, s.mc.gql, op, false, roleCodes, nil, []string{nodeCode}, namespace)
}

// ListAuthorizedResources returns the resources a node may act on with the
// nodeById.authorizedResources query.
func (s *OrgsService) ListAuthorizedResources(ctx context.Context, nodeID, namespace string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "Orgs.ListAuthorizedResources"
	ctx = withOp(ctx, op)
	if nodeID == "" {
		return nil, argError(op, "node id is required")
	}
	resp, err := generated.NodeAuthorizedResources(ctx, s.mc.gql, nodeID, optString(namespace), optString(string(resourceType)))
	if err != nil {
		return nil, err
	}
	if resp.NodeById == nil {
		return nil, notFound(op, "node "+nodeID)
	}
	if resp.NodeById.AuthorizedResources == nil {
		return nil, noResult(op)
	}
	return resp.NodeById.AuthorizedResources, nil
}

// ListAuthorizedResourcesByCode is ListAuthorizedResources for the node
// named by its code in an organization, with the nodeByCode query.
func (s *OrgsService) ListAuthorizedResourcesByCode(ctx context.Context, node NodeCodeRef, namespace string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "Orgs.ListAuthorizedResourcesByCode"
	ctx = withOp(ctx, op)
	if node.OrgID == "" || node.Code == "" {
		return nil, argError(op, "org id and node code are required")
	}
	resp, err := generated.NodeByCodeAuthorizedResources(ctx, s.mc.gql, node.OrgID, node.Code, optString(namespace), optString(string(resourceType)))
	if err != nil {
		return nil, err
	}
	if resp.NodeByCode == nil {
		return nil, notFound(op, "node "+node.Code)
	}
	if resp.NodeByCode.AuthorizedResources == nil {
		return nil, noResult(op)
	}
	return resp.NodeByCode.AuthorizedResources, nil
}

// ImportByJSON imports an organization tree (JSON: {name, code, children:
// [...], members: [...]}) with REST POST /api/v2/orgs/import
// {filetype: "json", file: tree}, as the official JavaScript SDK sends it,
// and returns the server's answer as JSON.
func (s *OrgsService) ImportByJSON(ctx context.Context, tree json.RawMessage) (json.RawMessage, error) {
	const op = "Orgs.ImportByJSON"
	ctx = withOp(ctx, op)
	if !json.Valid(tree) {
		return nil, argError(op, "tree is not valid JSON")
	}
	var out json.RawMessage
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/orgs/import",
		body: map[string]any{"filetype": "json", "file": tree}}, &out)
	return out, err
}

// ExportAll exports every organization tree with REST GET /api/v2/orgs/export.
func (s *OrgsService) ExportAll(ctx context.Context) (json.RawMessage, error) {
	const op = "Orgs.ExportAll"
	ctx = withOp(ctx, op)
	var out json.RawMessage
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/orgs/export"}, &out)
	return out, err
}

// ExportByOrgID exports one organization tree with REST
// GET /api/v2/orgs/export?org_id=.
func (s *OrgsService) ExportByOrgID(ctx context.Context, orgID string) (json.RawMessage, error) {
	const op = "Orgs.ExportByOrgID"
	ctx = withOp(ctx, op)
	if orgID == "" {
		return nil, argError(op, "org id is required")
	}
	var out json.RawMessage
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/orgs/export", query: url.Values{"org_id": {orgID}}}, &out)
	return out, err
}

// Providers StartSync synchronises organizations from.
const (
	SyncAD         = "ad"         // Windows AD, through an AD connector
	SyncDingTalk   = "dingtalk"   // DingTalk
	SyncWeChatWork = "wechatwork" // WeChat Work
)

// StartSync starts synchronising organizations from an identity provider,
// as the official SDKs do: for SyncAD with REST POST /api/v2/ad/sync
// {connectionId: adConnectorID} (adConnectorID required); for any other
// provider (SyncDingTalk, SyncWeChatWork, ...) with REST
// POST /connections/enterprise/{provider}/start-sync, adConnectorID unused.
func (s *OrgsService) StartSync(ctx context.Context, provider, adConnectorID string) error {
	const op = "Orgs.StartSync"
	ctx = withOp(ctx, op)
	switch {
	case provider == "":
		return argError(op, "provider is required")
	case provider == SyncAD && adConnectorID == "":
		return argError(op, "an AD connector id is required to sync from AD")
	case provider == SyncAD:
		return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/ad/sync",
			body: map[string]string{"connectionId": adConnectorID}}, nil)
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: pathf("/connections/enterprise/%s/start-sync", provider),
		body: map[string]string{}}, nil)
}
