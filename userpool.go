package authing

import (
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// UserPool is a user pool's settings. The nested settings are nil when the
// pool has never set them.
type UserPool struct {
	// ID is the pool's ID.
	ID string `json:"id"`
	// Name is the pool's name.
	Name string `json:"name"`
	// Domain is the pool's subdomain at Authing.
	Domain string `json:"domain"`
	// Description says what the pool is for.
	Description string `json:"description"`
	// Secret is the pool's secret.
	Secret string `json:"secret"`
	// JWTSecret signs the pool's HS256 tokens.
	JWTSecret string `json:"jwtSecret"`
	// OwnerID is the user who owns the pool.
	OwnerID string `json:"ownerId"`
	// Logo is the URL of the pool's logo.
	Logo string `json:"logo"`
	// CreatedAt is when the pool was created.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when the pool was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// EmailVerifiedDefault marks new users' e-mail addresses as verified.
	EmailVerifiedDefault bool `json:"emailVerifiedDefault"`
	// SendWelcomeEmail sends new users a welcome e-mail.
	SendWelcomeEmail bool `json:"sendWelcomeEmail"`
	// RegisterDisabled closes registration.
	RegisterDisabled bool `json:"registerDisabled"`
	// AppSSOEnabled turns on single sign-on across the pool's applications.
	AppSSOEnabled bool `json:"appSsoEnabled"`
	// ShowWxQRCodeWhenRegisterDisabled still shows the WeChat QR code when registration is closed.
	ShowWxQRCodeWhenRegisterDisabled bool `json:"showWxQRCodeWhenRegisterDisabled"`
	// AllowedOrigins lists the origins allowed by CORS, one per line.
	AllowedOrigins string `json:"allowedOrigins"`
	// TokenExpiresAfter is the lifetime of end-user tokens in seconds.
	TokenExpiresAfter int `json:"tokenExpiresAfter"`
	// IsDeleted is true for a deleted pool.
	IsDeleted bool `json:"isDeleted"`
	// FrequentRegisterCheck limits registrations from one IP.
	FrequentRegisterCheck *RateLimit `json:"frequentRegisterCheck"`
	// LoginFailCheck limits failed logins from one IP.
	LoginFailCheck *RateLimit `json:"loginFailCheck"`
	// PasswordUpdatePolicy forces periodic password changes.
	PasswordUpdatePolicy *PasswordUpdatePolicy `json:"passwordUpdatePolicy"`
	// LoginPasswordFailCheck limits failed password attempts on one account.
	LoginPasswordFailCheck *RateLimit `json:"loginPasswordFailCheck"`
	// LoginFailStrategy is what a failed-login limit does, such as "captcha".
	LoginFailStrategy string `json:"loginFailStrategy"`
	// ChangePhoneStrategy says how a phone number may be changed.
	ChangePhoneStrategy *ChangePhoneStrategy `json:"changePhoneStrategy"`
	// ChangeEmailStrategy says how an e-mail address may be changed.
	ChangeEmailStrategy *ChangeEmailStrategy `json:"changeEmailStrategy"`
	// QRCodeLoginStrategy configures QR-code logins.
	QRCodeLoginStrategy *QRCodeLoginStrategy `json:"qrcodeLoginStrategy"`
	// App2WxappLoginStrategy configures logins from an app through a WeChat mini program.
	App2WxappLoginStrategy *App2WxappLoginStrategy `json:"app2WxappLoginStrategy"`
	// Whitelist says which registration whitelists are switched on.
	Whitelist *WhitelistConfig `json:"whitelist"`
	// CustomSMSProvider is the pool's own SMS provider, if any.
	CustomSMSProvider *CustomSMSProvider `json:"customSMSProvider"`
	// PackageType is the pool's billing plan.
	PackageType int `json:"packageType"`
	// UseCustomUserStore is true when users live in the customer's own database.
	UseCustomUserStore bool `json:"useCustomUserStore"`
	// LoginRequireEmailVerified refuses logins with an unverified e-mail address.
	LoginRequireEmailVerified bool `json:"loginRequireEmailVerified"`
	// VerifyCodeLength is the number of digits of verification codes.
	VerifyCodeLength int `json:"verifyCodeLength"`
	// VerifyCodeMaxAttempts is how often a code may be tried.
	VerifyCodeMaxAttempts int `json:"verifyCodeMaxAttempts"`
}

// UnmarshalJSON decodes a pool; dates that are "" or null are left unset.
func (p *UserPool) UnmarshalJSON(b []byte) error {
	type plain UserPool
	return jsontime.Unmarshal(b, (*plain)(p))
}

// RateLimit allows at most Limit events in TimeInterval seconds.
type RateLimit struct {
	// TimeInterval is the window in seconds.
	TimeInterval int `json:"timeInterval"`
	// Limit is the number of events allowed in the window.
	Limit int `json:"limit"`
	// Enabled switches the limit on.
	Enabled bool `json:"enabled"`
}

// PasswordUpdatePolicy forces users to change their passwords.
type PasswordUpdatePolicy struct {
	// Enabled switches the policy on.
	Enabled bool `json:"enabled"`
	// ForcedCycle is the number of days after which a password must change.
	ForcedCycle int `json:"forcedCycle"`
	// DifferenceCycle is how many past passwords a new one must differ from.
	DifferenceCycle int `json:"differenceCycle"`
}

// ChangePhoneStrategy says how a phone number may be changed.
type ChangePhoneStrategy struct {
	// VerifyOldPhone requires a code sent to the old number.
	VerifyOldPhone bool `json:"verifyOldPhone"`
}

// ChangeEmailStrategy says how an e-mail address may be changed.
type ChangeEmailStrategy struct {
	// VerifyOldEmail requires a code sent to the old address.
	VerifyOldEmail bool `json:"verifyOldEmail"`
}

// QRCodeLoginStrategy configures QR-code logins.
type QRCodeLoginStrategy struct {
	// QRCodeExpiresAfter is a QR code's lifetime in seconds.
	QRCodeExpiresAfter int `json:"qrcodeExpiresAfter"`
	// ReturnFullUserInfo returns the whole user to the polling page.
	ReturnFullUserInfo bool `json:"returnFullUserInfo"`
	// AllowExchangeUserInfoFromBrowser lets a browser exchange the ticket for the user.
	AllowExchangeUserInfoFromBrowser bool `json:"allowExchangeUserInfoFromBrowser"`
	// TicketExpiresAfter is a ticket's lifetime in seconds.
	TicketExpiresAfter int `json:"ticketExpiresAfter"`
}

// App2WxappLoginStrategy configures logins from an app through a WeChat
// mini program.
type App2WxappLoginStrategy struct {
	// TicketExpiresAfter is a ticket's lifetime in seconds (the wire name
	// carries Authing's spelling).
	TicketExpiresAfter int `json:"ticketExpriresAfter"`
	// TicketExchangeUserInfoNeedSecret requires the secret to exchange a ticket.
	TicketExchangeUserInfoNeedSecret bool `json:"ticketExchangeUserInfoNeedSecret"`
}

// WhitelistConfig says which registration whitelists are switched on.
type WhitelistConfig struct {
	// PhoneEnabled allows only whitelisted phone numbers to register.
	PhoneEnabled bool `json:"phoneEnabled"`
	// EmailEnabled allows only whitelisted e-mail addresses to register.
	EmailEnabled bool `json:"emailEnabled"`
	// UsernameEnabled allows only whitelisted usernames to register.
	UsernameEnabled bool `json:"usernameEnabled"`
}

// CustomSMSProvider is a pool's own SMS provider.
type CustomSMSProvider struct {
	// Enabled switches the provider on.
	Enabled bool `json:"enabled"`
	// Provider names the provider.
	Provider string `json:"provider"`
	// Config is the provider's settings, as JSON text.
	Config string `json:"config"`
}

// WhitelistEntry is one value of a registration whitelist.
type WhitelistEntry struct {
	// CreatedAt is when the value was added.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when it was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// Value is the username, e-mail address or phone number.
	Value string `json:"value"`
}

// UnmarshalJSON decodes an entry; dates that are "" or null are left unset.
func (w *WhitelistEntry) UnmarshalJSON(b []byte) error {
	type plain WhitelistEntry
	return jsontime.Unmarshal(b, (*plain)(w))
}

// WhitelistType is the kind of a registration whitelist.
type WhitelistType string

// The whitelist types.
const (
	WhitelistUsername WhitelistType = "USERNAME"
	WhitelistEmail    WhitelistType = "EMAIL"
	WhitelistPhone    WhitelistType = "PHONE"
)
