ssckbSearch.terms("en","8",{"forms":{},"postings":{"8213":[7,9]}});
