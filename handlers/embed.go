package handlers

import (
	"github.com/paykassma/checkout/views"
)

// embed is what the layout needs of a visit: where its events go.
func (v *visit) embed() views.Embed {
	e := views.Embed{ParentOrigin: v.st.ParentOrigin()}
	if e.ParentOrigin != "" {
		e.CancelURL = v.link("/cancel")
		e.Return = v.signed.Encode()
	}
	return e
}
