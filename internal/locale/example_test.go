package locale_test

import (
	"fmt"

	"timeline/internal/locale"
)

func ExampleLocale_Day() {
	for _, tag := range []string{"en", "de", "ru", "ja"} {
		l, _ := locale.For(tag)
		fmt.Println(l.Day(1953, 3, 5), "|", l.Year(-43), "|", l.Text("Facts", map[string]any{"Count": 5}))
	}
	// Output:
	// 5 Mar 1953 | 44 BC | 5 facts
	// 5. März 1953 | 44 v. Chr. | 5 Einträge
	// 5 мар. 1953 г. | 44 г. до н. э. | 5 фактов
	// 1953年3月5日 | 紀元前44年 | 5 件
}
