ssckbSearch.terms("en","6",{"forms":{},"postings":{"6":[7,5],"639":[7,15]}});
