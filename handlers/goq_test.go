package handlers_test

import "github.com/PuerkitoBio/goquery"

type goqSel = goquery.Selection

func outer(s *goquery.Selection) string {
	h, _ := goquery.OuterHtml(s)
	return h
}
