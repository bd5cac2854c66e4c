package authing

// UpdateUserPoolInput holds the pool settings to change: each field sets
// the UserPool field of the same name. Nil fields are not sent and stay as
// they are.
type UpdateUserPoolInput struct {
	Name        *string `json:"name,omitempty"`
	Logo        *string `json:"logo,omitempty"`
	Domain      *string `json:"domain,omitempty"`
	Description *string `json:"description,omitempty"`
	// UserPoolTypes are the codes of the pool's scenario types.
	UserPoolTypes             []string                     `json:"userpoolTypes,omitempty"`
	EmailVerifiedDefault      *bool                        `json:"emailVerifiedDefault,omitempty"`
	SendWelcomeEmail          *bool                        `json:"sendWelcomeEmail,omitempty"`
	RegisterDisabled          *bool                        `json:"registerDisabled,omitempty"`
	AppSSOEnabled             *bool                        `json:"appSsoEnabled,omitempty"`
	AllowedOrigins            *string                      `json:"allowedOrigins,omitempty"`
	TokenExpiresAfter         *int                         `json:"tokenExpiresAfter,omitempty"`
	FrequentRegisterCheck     *RateLimitInput              `json:"frequentRegisterCheck,omitempty"`
	LoginFailCheck            *RateLimitInput              `json:"loginFailCheck,omitempty"`
	PasswordUpdatePolicy      *PasswordUpdatePolicyInput   `json:"passwordUpdatePolicy,omitempty"`
	LoginFailStrategy         *string                      `json:"loginFailStrategy,omitempty"`
	LoginPasswordFailCheck    *RateLimitInput              `json:"loginPasswordFailCheck,omitempty"`
	ChangePhoneStrategy       *ChangePhoneStrategyInput    `json:"changePhoneStrategy,omitempty"`
	ChangeEmailStrategy       *ChangeEmailStrategyInput    `json:"changeEmailStrategy,omitempty"`
	QRCodeLoginStrategy       *QRCodeLoginStrategyInput    `json:"qrcodeLoginStrategy,omitempty"`
	App2WxappLoginStrategy    *App2WxappLoginStrategyInput `json:"app2WxappLoginStrategy,omitempty"`
	Whitelist                 *WhitelistConfigInput        `json:"whitelist,omitempty"`
	CustomSMSProvider         *CustomSMSProviderInput      `json:"customSMSProvider,omitempty"`
	LoginRequireEmailVerified *bool                        `json:"loginRequireEmailVerified,omitempty"`
	VerifyCodeLength          *int                         `json:"verifyCodeLength,omitempty"`
	VerifyCodeMaxAttempts     *int                         `json:"verifyCodeMaxAttempts,omitempty"`
}

// RateLimitInput changes a RateLimit; nil fields stay as they are.
type RateLimitInput struct {
	TimeInterval *int  `json:"timeInterval,omitempty"`
	Limit        *int  `json:"limit,omitempty"`
	Enabled      *bool `json:"enabled,omitempty"`
}

// PasswordUpdatePolicyInput changes a PasswordUpdatePolicy; nil fields stay
// as they are.
type PasswordUpdatePolicyInput struct {
	Enabled         *bool `json:"enabled,omitempty"`
	ForcedCycle     *int  `json:"forcedCycle,omitempty"`
	DifferenceCycle *int  `json:"differenceCycle,omitempty"`
}

// ChangePhoneStrategyInput changes a ChangePhoneStrategy.
type ChangePhoneStrategyInput struct {
	VerifyOldPhone *bool `json:"verifyOldPhone,omitempty"`
}

// ChangeEmailStrategyInput changes a ChangeEmailStrategy.
type ChangeEmailStrategyInput struct {
	VerifyOldEmail *bool `json:"verifyOldEmail,omitempty"`
}

// QRCodeLoginStrategyInput changes a QRCodeLoginStrategy; nil fields stay
// as they are.
type QRCodeLoginStrategyInput struct {
	QRCodeExpiresAfter               *int  `json:"qrcodeExpiresAfter,omitempty"`
	ReturnFullUserInfo               *bool `json:"returnFullUserInfo,omitempty"`
	AllowExchangeUserInfoFromBrowser *bool `json:"allowExchangeUserInfoFromBrowser,omitempty"`
	TicketExpiresAfter               *int  `json:"ticketExpiresAfter,omitempty"`
}

// App2WxappLoginStrategyInput changes an App2WxappLoginStrategy; nil fields
// stay as they are.
type App2WxappLoginStrategyInput struct {
	TicketExpiresAfter               *int  `json:"ticketExpriresAfter,omitempty"`
	TicketExchangeUserInfoNeedSecret *bool `json:"ticketExchangeUserInfoNeedSecret,omitempty"`
}

// WhitelistConfigInput switches registration whitelists on or off; nil
// fields stay as they are.
type WhitelistConfigInput struct {
	PhoneEnabled    *bool `json:"phoneEnabled,omitempty"`
	EmailEnabled    *bool `json:"emailEnabled,omitempty"`
	UsernameEnabled *bool `json:"usernameEnabled,omitempty"`
}

// CustomSMSProviderInput changes a CustomSMSProvider; nil fields stay as
// they are.
type CustomSMSProviderInput struct {
	Enabled  *bool   `json:"enabled,omitempty"`
	Provider *string `json:"provider,omitempty"`
	Config   *string `json:"config,omitempty"`
}
