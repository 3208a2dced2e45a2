# Load a casegraph store's line list and contacts into R's epicontacts and plot them.
#
#   casegraph build data/ -o casegraph-out        # writes cases.csv and contacts.csv
#   Rscript examples/epicontacts.R casegraph-out   # needs install.packages("epicontacts")
#
# Without epicontacts installed the script still reads and checks the two tables and prints
# what it would plot (so the tables can be checked with base R alone).
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[[1]] else "casegraph-out"

linelist <- read.csv(file.path(out, "cases.csv"), encoding = "UTF-8", na.strings = "",
                     stringsAsFactors = FALSE)
contacts <- read.csv(file.path(out, "contacts.csv"), encoding = "UTF-8", na.strings = "",
                     stringsAsFactors = FALSE)
# Person-to-person transmission only: the other edges tie cases to places.
contacts <- contacts[contacts$relation == "close_contact", c("from", "to", "date", "kind")]
for (column in c("report_date", "onset_date", "positive_date", "diagnosis_date")) {
  linelist[[column]] <- as.Date(linelist[[column]])
}
contacts$date <- as.Date(contacts$date)
cat(sprintf("cases: %d (%d imported, %d local), close-contact links: %d\n", nrow(linelist),
            sum(linelist$origin %in% "imported"), sum(linelist$origin %in% "local"),
            nrow(contacts)))

if (requireNamespace("epicontacts", quietly = TRUE)) {
  x <- epicontacts::make_epicontacts(linelist, contacts, id = "id", from = "from", to = "to",
                                     directed = TRUE)
  print(x)
  # The network, cases coloured by origin (an HTML widget; save it with htmlwidgets).
  net <- plot(x, node_color = "origin", label = "name")
  htmlwidgets::saveWidget(net, file.path(out, "epicontacts.html"), selfcontained = TRUE)
  cat("wrote", file.path(out, "epicontacts.html"), "\n")
} else {
  cat("epicontacts is not installed: install.packages(\"epicontacts\") to plot\n")
}
