ssckbSearch.terms("en","6",{"forms":{},"postings":{"6":[7,5],"600":[7,22],"639":[7,9]}});
